"""The forms of distress, harassment and abuse that are unmistakable in a normalized message.

Patterns read the canonical form of `chatbot.language.normalize` (folded, unpunctuated, SMS
spelled out: "jveux pu viv" is "je veux pu viv"). Each category lists what a victim writes in
the first person, or a friend writes for them. Before matching, the spans that only look alike
are removed: figures of speech ("morte de fatigue", "ce boss me massacre"), video games, small
accidents. Talk about a topic ("plus tard je veux protéger les victimes de harcèlement") names
it without a victim: topic words alone are left to the classifier, which learned the difference.
"""

import re

# The people around a student, by role: who hits at home is not who mocks at school.
FAMILY = (
    r"(?:mon (?:pere|beau pere|daron|padre|papa|oncle|grand pere|parrain|tuteur|demi frere|"
    r"frere|grand frere|cousin)|ma (?:mere|belle mere|daronne|maman|tante|grand mere|marraine|"
    r"tutrice|soeur|grande soeur|demi soeur|cousine)|mes (?:parents|darons|freres|soeurs)|"
    r"papa|maman|le (?:copain|mec|mari) de ma mere|la (?:copine|femme) de mon pere)"
)
SIBLING = r"(?:mon (?:petit |grand |demi )?frere|ma (?:petite |grande |demi )?soeur)"
PARENT = (
    r"(?:mon (?:pere|beau pere|daron|papa|tuteur)|ma (?:mere|belle mere|daronne|maman|tutrice)|"
    r"mes (?:parents|darons)|papa|maman|le (?:copain|mec|mari) de ma mere|"
    r"la (?:copine|femme) de mon pere)"
)
PEERS = (
    r"(?:on|ils|elles|tout le monde|toute la classe|la classe|des eleves|les autres|des gars|"
    r"des mecs|des filles|les grands|un groupe|une bande|[a-z]+ de ma classe|ceux de ma classe|"
    r"celles de ma classe|des gens|les gens|certains|certaines|mes potes|mes amis|mes copines)"
)
ME = r"(?:me|m)"
HURT = (
    r"(?:frapp\w*|tap\w*|bat|battent|battait|battu\w*|cogn\w*|gifl\w*|tabass\w*|etrangl\w*|"
    r"bouscul\w*|pouss\w*|crach\w*|brul\w*|enferm\w*|attach\w*|secou\w*|jett?\w*|balanc\w*|"
    r"donn\w* des coups|met\w* des (?:claques|coups|baffes|gifles|patates)|"
    r"(?:a|ont) mis (?:une|des) (?:claques?|coups?|baffes?|gifles?|patates?))"
)
MOCK = (
    r"(?:harcel\w*|insult\w*|menac\w*|rackett?\w*|humili\w*|moqu\w*|traite\w*|surnomm\w*|"
    r"ignor\w*|rejet\w*|exclu\w*|isol\w*|emmerd\w*|embet\w*|martyris\w*|persecut\w*|"
    r"clash\w*|afich\w*|affich\w*|ridiculis\w*|suiv\w*|attend\w* a la sortie|"
    r"tir\w* les cheveux|cass\w* mes affaires|pren\w* mes affaires|"
    r"disent? (?:que je|de me|d aller me)|dit (?:que je|de me|d aller me))"
)
ONLINE = (
    r"(?:en ligne|internet|cyber\w*|reseaux? sociaux|insta\w*|snap\w*|tiktok|discord|whatsapp|"
    r"facebook|twitter|x|telegram|youtube|twitch|groupe|conv|conversation|salon|serveur|"
    r"story|stories|commentaires?|messages?|dm|mp|compte|profil|page|jeu en ligne|live)"
)
PICTURE = r"(?:photos?|videos?|nudes?|nude|snaps?|selfies?|images?|captures?|screens?|montages?)"

# "en finir" alone, or with life, is about life; "en finir avec ce projet" is not.
EN_FINIR = r"en finir(?! avec (?:le|la|les|ce|ces|cet|cette|mon|ma|mes|l|son|sa|ses) (?!vie\b))"

SUICIDE = [
    r"rejoindre (?:\w+ ){0,3}(?:au ciel|la haut|au paradis|de l autre cote|dans la tombe)|"
    r"(?:le|mon) grand (?:sommeil|depart|voyage)|(?:partir|aller) (?:au ciel|la haut|au paradis)",
    r"(?:medocs|medicaments|cachets|pilules|comprimes|somniferes) (?:\w+ ){0,6}(?:de cote|en reserve|"
    r"caches?|garde\w*|stock\w*|combien il (?:en )?faut)|(?:mis|mets|garde|stocke|cache)\w* de cote "
    r"(?:les|des|mes) (?:medocs|medicaments|cachets|pilules|comprimes|somniferes)",
    r"(?:compte|prevois|pense|prevu) pas (?:d )?etre (?:encore )?(?:la|en vie|vivante?|de ce monde)",
    r"(?:pas|plus|aucun|aucune|quel) (?:d |l )?(?:interet|raison|sens|but|utilite) (?:de|a|d) "
    r"(?:continuer|vivre|rester|me lever|exister|etre la|tenir)",
    r"encore (?:en vie|vivante?|la) (?:a|pour|dans|en) (?:noel|l ete|la rentree|septembre|juin|"
    r"\d+ (?:jours?|mois|semaines?|ans?)|mon anniversaire|la fin de l annee)",
    r"(?:ecrit|ecrire|laisse|laisser|prepare|preparer|fini|termine) (?:ma|mes|une|des|la) "
    r"lettres?\b(?! de (?:motivation|candidature|stage|recommandation|presentation))",
    r"(?:plus|pas) envie d etre la|envie de (?:plus|pas) etre la",
    r"disparaitre pour de vrai|(?:plus|pu) rien qui me retient|rien (?:ne )?me retient",
    r"(?:choisi|choisie|fixe|prevu) (?:le|la) (?:jour|date)",
    r"(?:rien|ca) (?:ne )?(?:va|changera) jamais changer|pourquoi je continuerais",
    r"(?:me vois|m imagine) (?:pas|plus) (?:avoir|atteindre|arriver a) (?:\d+|mes) ans",
    r"(?:la|une) corde",
    r"(?:aurai|aurais|ai) (?:pas|plus|aucun) (?:de )?futur",
    r"dire au revoir a tout le monde|commence a dire au revoir",
    r"a mon enterrement",
    r"j abandonne tout|plus envie de me battre",
    r"a quoi (?:ca )?sert de vivre",
    r"(?:derangerai|deranjerai|embeterai|genrai|generai) plus personne",
    r"bord de la fenetre|bord du toit|bord du pont|sur le toit (?:\w+ ){0,3}(?:sauter|longtemps)",
    r"(?:plus|pas) exister",
    r"heure du train|passer sous un train|sous le train",
    r"(?:sur|sure) d etre (?:encore )?en vie",
    r"(?:que ca|que tout|que ma vie) s arrete (?:pour de bon|pour toujours|definitivement)",
    r"(?:meriter|merite|merites) (?:pas )?de vivre",
    r"tentative|(?:j y|y) repense",
    r"compte pas rester longtemps|serai (?:bientot )?plus (?:la|de ce monde)",
    r"(?:dites|dis|dire) a (?:maman|papa|ma mere|mon pere|ma soeur|mon frere|ma famille|mes parents)"
    r" (?:que je l aime|que c etait pas (?:sa|ca|de sa) faute|que je suis desole\w*|adieu)",
    r"(?:supporter|supporte) d etre en vie|(?:veut|veux|voulait|dit qu elle veut|dit qu il veut) "
    r"mourir",
    r"(?:derniere fois que (?:je )?(?:te|vous) (?:parle|ecris)|(?:te|vous) parlerai plus|"
    r"prenez soin de vous|prends soin de toi pour moi)",
    r"(?:ecrit|ecrire|laisse|laisser|prepare) (?:des|une|mes|ma) lettres? (?:pour|a) (?:ma famille|"
    r"mes parents|ma mere|mon pere|mes proches|mes amis|ma soeur|mon frere)",
    r"(?:pas prevu|prevois pas|compte pas|pense pas) d etre (?:encore )?(?:la|en vie|vivant)",
    r"(?:donne|donner|offert|offrir) (?:toutes )?mes affaires",
    r"(?:veux|voudrais|envie) (?:juste )?que tout s arrete|que tout s arrete (?:pour toujours|"
    r"definitivement|pour de bon)",
    r"sert a rien (?:que je|de) (?:continue|vive|sois la|reste|me batte)",
    r"(?:envoye|ecrit|dit|message) adieu|adieu desole",
    r"(?:combien|quelle dose|quelle quantite) de (?:cachets|medocs|medicaments|pilules|comprimes|"
    r"doliprane)|pour (?:ne )?(?:pas|plus|jamais) (?:se|me) reveiller",
    r"(?:voiture|camion|train|bus|metro) me (?:renvers\w*|ecras\w*|percut\w*)",
    r"(?:fatigue|fatiguee|lasse|marre) de (?:vivre|la vie|exister|etre en vie)",
    r"suicid\w*",
    rf"{ME} (?:tuer|tue|buter|bute|flinguer|pendre|pends|noyer|supprimer|foutre en l air|"
    r"faire sauter|ouvrir les veines|tailler les veines|jeter (?:sous|par|du|d|de la|dans|"
    r"devant))",
    r"mettre fin a (?:mes jours|ma vie|tout|mon existence)",
    EN_FINIR,
    r"(?:envie|besoin|hate|tentation|idee) d(?:e)? (?:mourir|crever|disparaitre|partir pour "
    r"(?:toujours|de bon)|(?:ne )?plus exister|dormir pour toujours|(?:ne )?plus me reveiller|"
    r"(?:ne )?plus etre la|(?:ne )?plus etre en vie|arreter de vivre|tout arreter "
    r"pour de bon)",
    r"(?:veux|voudrais|aimerais|prefere|prefererais|souhaite|voulais|reve|revais|voudrai) "
    r"(?:juste |seulement |vraiment |tellement |bien |plutot )?(?:mourir|crever|disparaitre|"
    r"(?:ne )?plus exister|partir pour (?:toujours|de bon)|(?:ne )?plus vivre|(?:ne )?plus "
    r"etre la|(?:ne )?plus me reveiller|(?:ne )?jamais me reveiller|dormir pour toujours|"
    r"(?:ne )?plus etre en vie|etre mort|etre morte|arreter de vivre|"
    r"(?:ne )?pas me reveiller|m endormir pour toujours)",
    r"(?:plus|pas|aucune|perdu l|perdu le) (?:d )?(?:envie|gout|raison|force|courage|"
    r"interet) de vivre",
    r"(?:veux|voudrais|ai envie de|envie de|vais|peux|arrive|arriverai|sais) (?:ne )?(?:plus|pu|"
    r"pas|jamais) (?:a )?(?:vivre|continuer a vivre|me reveiller|exister|etre la|etre en vie|"
    r"continuer comme ca|tenir|respirer)",
    r"(?:ne|n )?(?:jamais|plus|pas|pu) me reveiller",
    r"(?:dormir|m endormir|endormir) (?:pour toujours|a jamais|pour l eternite|et (?:ne )?"
    r"(?:jamais|plus|pas|pu) (?:me )?reveiller)",
    r"mieux (?:mort|morte|que je meure|que je disparaisse|sans moi)",
    r"(?:serait|serai|seraient|sera|seront|serais|ira|iraient|irait|vivraient|vivrait) "
    r"(?:bien )?mieux sans moi",
    r"(?:suis|etre|sens|sentir) (?:un|une|comme un|comme une) (?:fardeau|poids|boulet|charge)",
    r"(?:je suis|je me sens|suis) de trop",
    r"personne (?:ne )?(?:me regretter\w*|remarquer\w*|verrai\w*|verra|s en rendr\w*|"
    r"pleurer\w*|s apercevr\w*)",
    r"si je (?:meurs|mourais|disparais|disparaissais|me tuais|etais plus la|suis plus la|"
    r"partais pour de bon)",
    r"a quoi bon (?:vivre|continuer|tout|me lever|exister|rester|me battre|faire des efforts)",
    r"(?:ca sert|sert|servirait) a (?:rien|quoi) (?:de|d) (?:vivre|continuer|rester en vie|"
    r"me lever|exister|me battre|etre la|etre en vie)",
    r"(?:lettre|message|mot|mots) d adieu|c est mon dernier message|mon dernier message|"
    r"(?:vous|te) dire adieu|adieu (?:a tous|tout le monde|charly)",
    r"je (?:ne )?(?:serai|serais) (?:plus|pu) (?:la|en vie|de ce monde)",
    r"(?:avaler|avale|prendre|pris|prends|prend) (?:tous |toutes |toute |une boite |la boite |"
    r"plein |trop )?(?:de |d |des |les |mes |la )?(?:boite de )?(?:\w+ )?(?:medicaments|medocs|"
    r"cachets|pilules|comprimes|doliprane|somniferes|anxiolytiques)",
    r"(?:sauter|me jeter|saute|sauterai|sauterais) (?:du|d un|de la|par la|depuis|sous|du haut|"
    r"dans le vide|devant)",
    r"comment (?:on )?(?:se tue|mourir|se suicider|en finir|faire pour (?:mourir|que ca fasse "
    r"pas mal|ne plus se reveiller))",
    r"(?:pense|pensais|pense souvent|pense tout le temps|pensee\w*|penser|reflechis|reflechi) "
    r"(?:a|au|aux) (?:la mort|mourir|me tuer|en finir|partir pour de bon|disparaitre|mon "
    r"enterrement|suicide|ma mort)",
    r"j en peux (?:plus|pu) de (?:vivre|ma vie|la vie|cette vie|exister)",
    r"(?:aurais|aurait) (?:jamais|pas) du naitre|regrette d etre ne|pourquoi je suis (?:ne|nee)|"
    r"pourquoi je suis encore (?:la|en vie|vivant|vivante)",
    r"(?:partir|disparaitre|m en aller) (?:pour de bon|pour toujours|a jamais|definitivement)",
    r"plus (?:la|de) (?:force|energie) de (?:continuer|me battre|tenir)",
    r"(?:le|la|les) (?:corde|pont|rails|train) (?:pour|ca serait|serait) (?:moi|plus simple|"
    r"la solution)",
    r"(?:tout|ma vie) (?:est|c est) fini (?:pour moi)?|c est (?:fini|la fin) pour moi",
    r"(?:plus|pas) (?:aucun|d) (?:espoir|avenir) pour moi|j ai (?:plus|pas|aucun) d?(?:espoir|"
    r"avenir)$",
]

SELF_HARM = [
    r"rechut\w* (?:\w+ ){0,4}(?:clean|sans me|sans rien|de nouveau)|(?:jours|semaines|mois) clean",
    r"(?:lames?|rasoirs?|cutters?) (?:\w+ ){0,2}(?:cache\w*|garde\w*|dans ma trousse|sous mon (?:lit|"
    r"matelas|oreiller)|au cas ou)",
    r"me suis (?:encore |de nouveau )?(?:coupe|coupee|taillade\w*|brule\w*|scarifie\w*|mutile\w*|"
    r"cogne\w*|frappe\w*) (?:\w+ ){0,3}(?:bras|poignets?|cuisses?|jambes?|ventre|tete|avant bras|"
    r"volontairement|expres|profond|encore)",
    r"(?:cicatrices|marques|traces|coupures) (?:\w+ ){0,2}(?:plein|partout|sur|a)",
    r"(?:poignets|bras|cuisses|avant bras) (?:sont )?(?:pleins|plein|couverts?) de",
    r"(?:je|j) (?:me gratte|me griffe|me pince|me mords|me brule|me frappe|me tape) (?:\w+ ){0,4}(?:jusqu a|"
    r"jusqu au|expres|fort|pour avoir mal|quand)",
    r"la lame et moi|sortir la lame|(?:demonte|casse|ouvert) (?:le|un|mon) taille crayon",
    r"(?:me fais|me fait|me faire) (?:des bleus|mal|saigner) (?:expres|volontairement)|"
    r"(?:soulage|calme|apaise) de me faire mal|me faire mal (?:ca|me) (?:soulage|calme)",
    r"(?:brule|brulee|coupe|coupee|taillade|griffe) (?:mon|ma|mes|le|la|l) (?:\w+ ){0,5}expres",
    r"(?:mes|les) bandages|(?:pansements|compresses) (?:\w+ ){0,5}pour apres",
    r"(?:arreter|arrete|stopper|arrive pas a arreter) de me (?:couper|faire du mal|scarifier|bruler)|"
    r"(?:commence|commencer|recommence|recommencer) a me (?:couper|faire du mal|scarifier|bruler)",
    r"(?:poings|tete|main|mains) contre le mur (?:\w+ ){0,4}(?:saign\w*|mal|jusqu)",
    r"a cause de ce que j ai fait sur (?:mes|mon|ma)",
    r"(?:me plante|m enfonce|me pique) (?:\w+ ){0,4}(?:compas|ciseaux|aiguille|stylo|lame|ongles)",
    r"se (?:brule|coupe|scarifie|taillade|mutile|fait du mal)\b",
    r"(?:me couper|me scarifier|me bruler) c est",
    r"alle trop loin (?:\w+ ){0,4}(?:sang|saigne)|peur du sang|besoin de (?:voir du sang|saigner)",
    r"(?:elastique|glacons?) (?:\w+ ){0,6}(?:marque|brulure|mal|poignet)",
    r"(?:payer|punir) (?:\w+ ){0,3}sur mon corps|me fais payer",
    r"(?:marques|traits|traces|cicatrices|coupures|entailles|griffures) (?:\w+ ){0,2}(?:sur|a|aux)"
    r" (?:mes |les |ses |le |la )?(?:poignets?|avant bras|cuisses?|bras|hanches?|chevilles?)",
    r"(?:cicatrices?|marques?) de (?:coupures?|brulures?|lame|cutter|rasoir|griffures?)",
    r"me suis puni\w*|(?:pour|afin de) me punir",
    r"(?:lame|rasoir|cutter|compas)\b(?:\w+ ){0,8}\b(?:recommence\w*|rechut\w*|me couper|sur mes|"
    r"bras|poignets|cuisses|jambes|ventre|saigne\w*)|(?:recommence\w*|rechut\w*) (?:\w+ ){0,6}"
    r"(?:lame|rasoir|cutter|compas)",
    r"scarif\w*|automutil\w*|auto mutil\w*|self ?harm\w*",
    r"(?:je|j|envie de|besoin de|vais|veux|recommence\w* a|arrete pas de|arrive pas a arreter de|"
    r"continue a|continue de|peur de|pour) (?:me |m )(?:coupe|couper|coupais|recoupe|taillade\w*|"
    r"tailler|brule|bruler|brulais|griffe|griffer|mords|mordre|pince|pincer|frappe|frapper|"
    r"cogne|cogner|tape la tete|taper la tete|mutile\w*|blesse|blesser|punis|punir|lacere\w*|"
    r"arrache|arracher)",
    r"(?:je|j) me suis (?:coupe|coupee|recoupe|recoupee|taillade\w*|brule\w*|griffe\w*|"
    r"mutile\w*|blesse\w* expres|fait du mal|frappe\w*|scarifie\w*) (?:les |le |la |mes |a |au |"
    r"aux |sur |encore|hier|expres|ce soir|cette nuit|quand|parce|pour)",
    r"(?:je|j|envie de|besoin de|vais|veux|recommence a|continue a) (?:me |m )?(?:fais|faire|"
    r"fait) (?:du )?mal(?! (?:au|a la|aux|a mon|a ma))",
    r"(?:cicatrices?|coupures?|entailles?|griffures?|brulures?|traces de (?:coupures?|lame)) "
    r"(?:sur|a|aux|de|sous) (?:mes |les |le |la |mon |ma )?(?:bras|poignets?|cuisses?|jambes?|"
    r"ventre|hanches?|avant bras|epaules?|mains?|chevilles?|corps|peau)",
    r"(?:mes|ses) (?:cicatrices|coupures|entailles|marques)",
    r"cach\w* (?:mes |les |ses )?(?:bras|poignets|cuisses|cicatrices|coupures|marques|"
    r"avant bras|entailles|brulures)",
    r"(?:manches longues|gilet|sweat|bracelets) (?:pour cacher|meme (?:en ete|quand il fait "
    r"chaud)|tout le temps pour)",
    r"(?:jours|semaines|mois) sans (?:me couper|me faire du mal|me scarifier|me bruler|"
    r"me blesser)",
    r"(?:lame|lames|rasoir|cutter|compas) (?:sur|contre|dans) (?:mes|ma|mon|la peau|moi)",
    r"(?:avec|une|la|des|ma|mes) (?:lame|lames|rasoir|cutter) (?:pour|quand|je|j|me)",
]

HARASSMENT = [
    r"(?:me|m) (?:tape|tapent|frappe|frappent|cogne|cognent|pousse|poussent) (?:a la recre|au college|"
    r"au lycee|en classe|dans la cour|dans le bus|a la sortie|tous les jours|tout le temps)",
    r"personne (?:ne )?veut (?:se mettre|s asseoir|etre|manger|jouer) (?:a cote de|avec) moi|"
    r"personne (?:ne )?me (?:choisit|parle|regarde)",
    r"(?:profs?|surveillants?|cpe|adultes) (?:\w+ ){0,3}(?:voient|font) (?:rien|semblant)",
    r"(?:jete|jette|jettent|jetaient|vole|volent|cache|cachent|casse|cassent|renverse\w*) (?:mon|ma|"
    r"mes) (?:sac|trousse|affaires|plateau|casquette|telephone|tel|cahiers?|manteau|chaussures)",
    r"(?:m attendre|m attendent|m attendaient|attendre) (?:\w+ ){0,2}(?:a la sortie|au portail|"
    r"devant le college|devant le lycee|pour me)",
    r"(?:pour|afin de) (?:pas|ne pas) (?:les )?(?:croiser|voir|me faire taper|me faire frapper|"
    r"qu ils me voient)|pour pas qu (?:ils|elles) me (?:voient|trouvent|tapent)",
    r"(?:mange|manger|cache|cachee|reste) dans les toilettes",
    r"(?:surnom|surnomme) (?:\w+ ){0,3}(?:me suit|depuis|tous les jours|chaque jour)|nouveau surnom",
    r"(?:rigolent|rient|se marrent) de moi",
    r"si je (?:parle|le dis|en parle) (?:\w+ ){0,4}(?:ce sera pire|ca sera pire|ils vont|elle va|"
    r"il va)",
    r"souffre douleur|tete de turc|bouc emissaire",
    r"(?:les|le) (?:eviter|croiser)|(?:ils|elles) me retrouvent",
    r"(?:m appelle|m appellent) (?:la|le) ",
    r"a cause des (?:insultes|moqueries|coups|\d+e|autres)",
    r"(?:bleus|coups) a cause des|(?:me collent|me mettent|me jettent) (?:\w+ ){0,2}dans les cheveux",
    r"pour pas me faire (?:taper|frapper|insulter|racketter|tabasser|remarquer)",
    r"arrete de faire ta victime|faire ta victime",
    r"peur de prendre le bus|peur (?:du|de) (?:lundi|la rentree|la recre|la cantine)",
    r"(?:dimanche soir|lundi) (?:\w+ ){0,6}(?:les revois|les revoir|mal au ventre)",
    r"(?:disent|dit|demandent) a tout le monde de (?:pas|ne pas) me parler",
    r"le harcelement (?:a |continue|recommence|reprend|dure)",
    r"changer d etablissement (?:\w+ ){0,3}a cause",
    r"(?:me|m) (?:insult\w*|harcel\w*|menac\w*|humili\w*|rackett?\w*|tabass\w*|bouscul\w*)",
    r"(?:disent|dit|disait|repetent) (?:tous |toutes )?que je (?:pue|suis (?:moche|gros|grosse|"
    r"nul|nulle|bizarre|debile|une pute|un pd|laid|laide|sale|un monstre))",
    r"(?:font|fait|faisait|faisaient) expres de (?:me|m)",
    r"(?:imitent|imite|copient|singent) (?:ma|mon|mes) (?:facon|accent|voix|physique|poids|nom|"
    r"couleur|religion|voile|cheveux|handicap|begaiement|demarche)",
    r"(?:ils|elles|on) (?:m|me) (?:ont|a) (?:arrache|baisse|enleve|vole|jete|casse|dechire|crache|"
    r"mouille|tire|cache) (?:mon|ma|mes)",
    r"(?:me|m) (?:\w+ ){1,4}devant (?:tout le monde|toute la classe|toute l ecole|tout le college|"
    r"tout le lycee)",
    r"ce qu (?:ils|elles|on) (?:me|m) (?:font|fait|disent|dit|ont fait)",
    r"insultes? (?:sur|dans|contre) (?:mon|ma|mes|moi)",
    r"(?:m a|m ont|me font|me fait|me faisaient) (?:fait )?(?:un |des )?croche pieds?",
    r"se (?:fait|font|faisait) (?:insulter|harceler|frapper|racketter|tabasser|agresser|"
    r"humilier|menacer)",
    r"(?:sait|savons|sais|savent) ou tu (?:es )?habites|(?:on|je|ils) (?:va|vais|vont) te "
    r"(?:tuer|defoncer|retrouver|trouver|niquer|frapper|casser|faire la peau)",
    rf"{PEERS} (?:me|m) (?:ont |a |avaient |avait |ont encore )?{MOCK}",
    rf"{PEERS} (?:me|m) (?:ont |a |avaient |avait )?{HURT}",
    r"(?:se|s) (?:moque\w*|fout\w*|fiche\w*) (?:de moi|de ma gueule|de ma tete|de mon|de ma|"
    r"de mes|tout le temps de moi)",
    r"(?:je|j) (?:me fais|me suis fait|me suis faite|suis|me fait|me faisais|me fai) "
    r"(?:tout le temps |encore |souvent |tous les jours )?(?:harcel\w*|frapp\w*|tap\w*|"
    r"insult\w*|menac\w*|racket\w*|rackett\w*|humili\w*|bouscul\w*|tabass\w*|agress\w*|"
    r"exclu\w*|rejet\w*|martyris\w*|persecut\w*|moqu\w*|emmerd\w*|embet\w*|traiter|traite\w*|"
    r"cracher dessus|voler|virer|ignor\w*|isol\w*|casser la gueule)",
    r"victime de (?:harcel\w*|racket\w*|moquerie\w*|violence\w*|insulte\w*|cyber\w*|"
    r"menaces|agression\w*)",
    r"(?:on|ils|elles|il|elle) (?:me|m) harcel\w*|harcel\w* (?:moi|a l ecole|au college|au lycee|"
    r"en classe|depuis)",
    r"peur d (?:aller|retourner) (?:au|en|a l|a la) (?:college|lycee|cours|ecole|bahut|"
    r"internat|sport|cantine|recre|classe)",
    r"personne (?:ne )?(?:me parle|veut me parler|veut de moi|veut etre avec moi|veut "
    r"s asseoir a cote de moi|veut se mettre avec moi|m aime)",
    r"(?:me|m) (?:traitent|traite|appellent|surnomment|surnomme) (?:de |d )?(?:\w+ )?"
    r"(?:grosse?|moche|pd|pede|gouine|sale|bouffon\w*|thon|baleine|pute|salope|mongol\w*|"
    r"golmon|negre|bougnoule|chinetoque|handicap\w*|gogol|fdp|cassos|clochard)",
    r"(?:me|m) (?:disent|dit|disait|disaient|ont dit|repetent) (?:que je devrais mourir|de me "
    r"tuer|de retourner dans mon pays|que je pue|que personne m aime|que je sers a rien|"
    r"d aller mourir|de crever)",
    r"racket\w*",
    r"(?:tous|toutes) contre moi",
]

CYBER = [
    r"(?:postee|publiee|diffusee|partagee|balancee) (?:\w+ ){0,2}(?:sur|dans) (?:un |le |une )?"
    r"(?:serveur|groupe|discord|insta|snap|tiktok|story|page|canal)",
    r"(?:reposte|repostent|partagent|like) (?:\w+ ){0,2}(?:la|ma) (?:video|photo) (?:ou je|de moi)",
    r"(?:messages?|dm|mp) d insultes|(?:des|d) insultes (?:\w+ ){0,4}(?:tel|dm|mp|story|snap|insta|"
    r"tiktok|discord|reseaux|commentaires|messages)",
    r"(?:filme|filmee|filmer) (?:\w+ ){0,4}(?:et c est|et l ont mis|et la video|sur tiktok|sur snap|"
    r"sur insta|partout)",
    r"(?:vire|viree|exclu|exclue|enleve|enlevee) du groupe",
    r"(?:mis|met|mettre|poste|posted) (?:mes|ma) (?:messages?|conv\w*|photos?|videos?) (?:prives? )?"
    r"(?:en story|sur|dans)",
    r"pirate\w* mon compte",
    r"(?:memes?|meme) (?:avec|de|sur) (?:ma|mon|moi)|devenu\w* un meme",
    r"spamm\w* (?:mes|mon|ma)",
    r"(?:comptes?|pages?|profils?) sur moi|(?:comptes?|pages?) (?:qui|pour) (?:\w+ ){0,3}(?:moi|"
    r"mes photos)",
    r"(?:commentent|commente|critiquent) mon (?:physique|corps|poids|visage)",
    r"menaces? de mort",
    r"(?:partage|publie|diffuse|balance)\w* (?:la|ma|nos|mes) (?:conversation|conv|discussion|"
    r"messages?)",
    r"photos? volees",
    r"(?:racontent|disent|balancent|inventent) (?:\w+ ){0,2}(?:trucs|choses|rumeurs|mensonges) sur moi",
    r"(?:les|des|mes) notifs? me font peur|peur (?:d ouvrir|de regarder) mon (?:tel|telephone)",
    r"mon nom dans une story|(?:fausse|faux) (?:conv|conversation|capture|screen)",
    r"m ont signalee?|(?:imiter|m imiter|se moquer) (?:\w+ ){0,3}(?:tiktok|snap|insta|story)",
    r"(?:photos?|images?) de (?:corde|couteaux?|armes?)",
    r"(?:poster|publier|diffuser|balancer|envoyer) (?:ma|mes|la|les) (?:video|photo|videos|photos) "
    r"(?:\w+ ){0,2}si je",
    r"remplis? de (?:va mourir|insultes|haine)|va mourir",
    r"(?:insultes?|menaces?) sur (?:fortnite|discord|insta|snap|tiktok|les reseaux)",
    r"faux (?:compte|profil) (?:\w+ ){0,2}(?:a mon nom|avec mes photos|avec ma photo|de moi|en mon"
    r" nom)",
    r"passer pour moi",
    r"(?:mis|publie|diffuse|donne|balance|poste|partage) (?:mon|ma) (?:adresse|numero|num)",
    r"(?:rumeurs?|ragots|mensonges|horreurs|memes?|blagues|montages?) (?:\w+ ){0,2}sur moi",
    r"(?:groupe|conv|compte|page|serveur|salon) (?:\w+ ){0,5}(?:deteste|hait|contre|anti|moquer|"
    r"insulter|clasher|humilier)",
    r"(?:tourne|circule|partagee?) (?:partout|dans tout le (?:college|lycee)|a tout le monde)",
    r"sondage (?:\w+ ){0,6}(?:moche|gros|grosse|nul|nulle|laid|laide|bete)",
    r"(?:photoshop\w*|montage\w*) (?:\w+ ){0,2}(?:ma tete|mon visage|moi)",
    rf"{ONLINE} (?:\w+ ){{0,6}}(?:pour|contre|sur) (?:me|m|moi) (?:moquer|insulter|humilier|"
    r"clasher|afficher|harceler|detruire|ridiculiser|lyncher|menacer|casser)",
    r"(?:pour|juste pour) (?:se moquer de moi|m insulter|m humilier|m afficher|me clasher|"
    r"me harceler|me ridiculiser)",
    r"faux (?:compte|profil) (?:a mon nom|avec mes photos|avec ma photo|de moi|sur moi|qui se fait|"
    r"pour me|pour m|a moi)",
    r"(?:se fait|se font|se faisait|se faire) passer pour moi",
    rf"(?:ont|a|avait|avaient|vont|va|veulent|veut) (?:\w+ )?(?:diffuse\w*|partage\w*|publie\w*|"
    rf"poste\w*|envoye\w*|envoyer|balance\w*|fait tourner|leak\w*|repost\w*|mis|met|screen\w*) "
    rf"(?:mes|ma|mon|une|des|la|les|nos) (?:\w+ )?{PICTURE}(?: de moi)?",
    rf"{PICTURE} (?:de moi|ou je suis|avec moi) (?:\w+ ){{0,4}}(?:tourne\w*|partage\w*|diffuse\w*|"
    r"publie\w*|poste\w*|circule\w*|ont ete|a ete|est sur|sont sur|est partout|sont partout)",
    r"(?:montage|photoshop|deepfake|deep fake|detourne\w*) (?:de moi|avec ma tete|avec mon visage|"
    r"de mon visage|sur moi)",
    r"(?:me|m) (?:envoient|envoie|envoyaient|ecrivent|spamment|spam|harcelent|insultent|menacent)"
    r" (?:\w+ ){0,2}(?:messages?|mp|dm|snaps?|commentaires?|vocaux|menaces|insultes)",
    r"(?:commentaires?|messages?|dm|mp|vocaux) (?:haineux|insultants|d insultes?|de haine|"
    r"de menaces?) (?:sur|sous|dans) (?:mes|mon|ma)|(?:commentaires?|messages?|dm|mp|vocaux) "
    r"(?:pour m insulter|ou (?:ils|on) m insulte\w*)",
    r"(?:publie|diffuse|donne|balance|leak\w*|poste) (?:mon|ma) (?:adresse|numero|num)",
    r"mon (?:adresse|numero|num) (?:a ete|est|circule|tourne) (?:publie|diffuse|partage|sur)",
    r"(?:groupe|conv|compte|page|serveur|salon) (?:\w+ ){0,3}(?:anti|contre) \w+",
    r"(?:cyber ?harcel\w*)(?= (?:moi|depuis|tous les jours))|(?:je|j) (?:suis|me fais|me fait) "
    r"cyber ?harcel\w*",
]

SEXTORTION = [
    r"(?:sinon|si je refuse|si je (?:paie|paye) pas|si je bloque|si je l aimais) (?:\w+ ){0,6}"
    r"(?:poste|postera|publie|envoie|enverrais|montre|diffuse|dit tout|photos?|videos?)",
    r"(?:photos?|videos?) (?:de moi )?(?:\w+ ){0,6}(?:sur internet|a tout le monde|a mes (?:amis|"
    r"abonnes|contacts|parents)|a l entree|a ma mere|a mon pere)",
    r"(?:payer|paye|payer|donne|envoyer) (?:\w+ ){0,3}(?:euros?|balles|carte cadeau|cartes cadeaux|"
    r"bitcoin|paypal|skins?|v bucks|robux)",
    r"(?:me demande|veut|exige) (?:\w+ ){0,3}(?:photos?|videos?) (?:plus )?(?:osees?|hot|sexy|"
    r"intimes?)",
    r"(?:menace|menacer) de (?:\w+ ){0,4}(?:envoyer|poster|publier|diffuser|montrer|venir)",
    r"(?:me filmer|me deshabiller|enleve mon|enlever mon|allume ma camera|allumer ma camera)",
    r"(?:il|elle) (?:m a|me) (?:\w+ ){0,3}(?:en echange de|contre des) (?:photos?|videos?)",
    r"(?:je lui dois|je dois lui envoyer) (?:\w+ ){0,2}(?:photos?|videos?)",
    r"(?:supprimer|efface) (?:nos|les) (?:conversations|conv|messages) pour que personne",
    r"(?:retrouve|rejoindre|voir) (?:\w+ ){0,3}sans le dire a personne",
    r"(?:envoye|envoie|envoyer) (?:une|des|la) photo (?:\w+ ){0,4}(?:maintenant|depuis|il veut|"
    r"il demande|il menace|chantage|enfer)",
    r"(?:photos?|videos?) de (?:moi|mes pieds|mon corps) (?:\w+ ){0,3}(?:il|elle) (?:les )?"
    r"(?:montre|veut|poste|envoie)",
    r"(?:filme|filmer) (?:\w+ ){0,4}sans (?:me demander|mon accord)",
    r"(?:fausse fille|faux profil|faux compte) (?:\w+ ){0,4}(?:menaces|photos|chantage)",
    r"(?:demandent|demande) \d+ (?:balles|euros)",
    r"(?:en appel|en visio|en facetime) (?:\w+ ){0,2}(?:deshabille|enleve)|deshabille en appel",
    r"(?:il|elle|ils) (?:veut|veulent|exige) toujours plus",
    r"dit (?:tout|qu il dit tout)|soit les photos",
    r"(?:dit|demande|dis) de (?:ne )?(?:rien|pas) (?:le )?dire a (?:mes parents|personne)",
    rf"{PICTURE} (?:de moi )?(?:tout |toute )(?:nue?s?)",
    r"(?:lui |leur )?montr\w* mon corps",
    r"(?:balance|diffuse|publie|envoie|montre|poste)\w* si (?:je|j)",
    rf"{PICTURE} (?:\w+ ){{0,2}}(?:apres la douche|sous la douche|en (?:maillot|culotte|slip|"
    r"lingerie|sous vetements?|brassiere))",
    r"(?:coach|entraineur|prof|animateur|moniteur|homme|adulte|mec de \d+ ans|gars de \d+ ans) "
    r"(?:\w+ ){0,4}(?:veut|demande|m envoie) (?:\w+ ){0,3}(?:photos?|videos?|me voir|qu on se voie)",
    r"(?:il|elle) a \d\d ans",
    r"\bnudes?\b",
    rf"{PICTURE} (?:de moi )?(?:nue?s?|denudee?s?|a poil|en sous vetements?|intimes?|sexy|hot|"
    r"sans (?:rien|vetements|haut|habits|culotte|soutif)|de mon corps|de mes seins|osees?)",
    r"(?:envoie|envoyer|montre|montrer|demande\w*|veut|exige\w*|reclame\w*) (?:moi |lui )?(?:des |"
    r"une |ta |tes |ses )?(?:photos?|videos?|snaps?) (?:de toi |de moi )?(?:nue?s?|en sous|a poil|"
    r"sexy|intimes?|de ton corps|de tes seins|hot)",
    r"montre(?:r)? (?:moi|lui) (?:ce que t as|tes seins|ton corps|ta poitrine|sous ton|tes fesses|"
    r"ton sexe)",
    r"(?:me|m) (?:fait|font|faisait|fais) (?:du )?chant\w*|(?:je|j) (?:suis|me fais) (?:victime de )?"
    r"(?:sextorsion|chantage)",
    r"menace\w* de (?:diffuser|publier|envoyer|montrer|tout montrer|tout envoyer|tout dire|"
    r"tout balancer|partager)",
    rf"(?:va|vont|vais|allait|veut) (?:tout )?(?:envoyer|diffuser|publier|montrer|balancer|"
    rf"partager) (?:mes|les|ma|la|nos|ces) (?:\w+ )?{PICTURE}",
    r"si (?:je|j) (?:paie|paye|payais|envoie|envoyais|donne|le fais) pas",
    r"(?:me demande|veut|m a demande|exige|insiste|insiste pour|propose) (?:que je |de |d )?"
    r"(?:lui )?(?:le |la )?(?:voir|rencontrer|retrouver) (?:en secret|seul|seule|sans (?:le dire|"
    r"mes parents|que))",
    r"(?:c est|c etait|ce sera) (?:notre|un) (?:petit )?secret|(?:notre|un) secret entre nous",
    r"(?:rencontrer|voir|retrouver) (?:en secret|sans que (?:mes|tes) parents)",
    r"(?:mon|mon ex|ma ex|son|mon copain|ma copine|mon mec|un mec|un gars|un homme|un adulte|"
    r"il|elle) (?:\w+ )?(?:a|avait|ont) (?:partage|montre|envoye|diffuse|publie|fait tourner) "
    r"(?:mes|nos|ma|les) (?:\w+ )?(?:photos?|videos?|nudes?)",
    r"(?:webcam|cam|facetime|visio) (?:\w+ ){0,4}(?:enregistre\w*|filme\w*|capture\w*)",
    r"(?:un|une) (?:homme|adulte|mec|inconnu|vieux|monsieur) (?:de|d) (?:\d+ ans|l age de mon "
    r"pere|mon age)",
    r"(?:mature pour mon age|mature pour ton age)",
]

HOME_VIOLENCE = [
    r"(?:serre|serrer|serrait|pris|prend|attrape\w*|tenu) (?:\w+ ){0,2}(?:le|mon) cou|"
    r"(?:arrivais|arrive|pouvais) (?:plus|pas) a respirer",
    r"marier de force|mariage force|(?:veulent|veut|vont) me marier",
    r"(?:crient|crie|hurlent|hurle) et (?:me|m) (?:frapp\w*|tap\w*|cogn\w*|bat\w*)",
    rf"{FAMILY} (?:me|m) (?:tire|tirait|traine) par les cheveux",
    rf"{FAMILY} (?:\w+ ){{0,8}}(?:me|m) (?:pousse\w*|jette\w*|plaque\w*) contre",
    r"chaise contre (?:la|ma) porte",
    r"les coups (?:\w+ ){0,3}(?:tous les jours|quotidien|chaque jour)|c est l enfer chez moi|"
    r"chez moi c est l enfer|les claques c est",
    r"(?:dit|dis|dire) (?:\w+ ){0,3}que (?:je suis|j etais) tombee?",
    r"(?:casse|jete|lance) (?:mon|un|son) (?:\w+ ){0,2}(?:sur|contre) ma (?:tete|figure|gueule)",
    r"(?:papa|mon pere|mon beau pere|il) (?:la|le) (?:frappe|tape|bat|cogne)",
    r"(?:mis|mise|mettent|jete|jetee) dehors (?:\w+ ){0,3}(?:nuit|pyjama|froid)",
    r"(?:bleus|marques|traces) (?:partout|sur les bras|sur le dos|sur les jambes) (?:\w+ ){0,4}"
    r"(?:pere|mere|parents|cache\w*|sweat|mentir)|mentir (?:\w+ ){0,3}sur mes bleus",
    r"(?:brulee?|frappee?|battue?) avec (?:une|un|le|la) ",
    r"la police est venue|(?:cris|coups) (?:\w+ ){0,3}(?:la nuit|toute la nuit)",
    rf"{FAMILY} (?:\w+ ){{0,4}}(?:me|m) (?:tape|frappe|bat|cogne|met des coups) avec",
    r"(?:apres )?ses coups|(?:leve|levait) la main sur",
    r"(?:il|elle) me surveille et me (?:frappe|tape)|me (?:frappe|tape|cogne) si je (?:reponds|parle)",
    r"(?:se sont battus|se battent) (?:\w+ ){0,4}(?:nuit|soir|porte)",
    rf"{FAMILY} (?:\w+ ){{0,3}}(?:va|allait) me tuer (?:si|quand)",
    r"peur de (?:mon|ma) (?:propre )?(?:pere|mere|beau pere|belle mere)|il me cogne",
    r"(?:sans rien a manger|privee? de (?:manger|repas))",
    r"(?:met|mettait) des coups|a la maison (?:\w+ ){0,6}(?:les coups|coups)",
    r"(?:pris|prend|attrape) (?:maman|ma mere|mon pere|papa|moi) par le cou",
    r"crier au secours",
    r"porter plainte contre (?:ma|mon|mes) (?:mere|pere|parents|beau pere|belle mere)",
    r"(?:contre le mur|sur le mur) et (?:apres|ensuite) (?:c etait|c est) moi",
    r"(?:mes parents|ma mere|mon pere) (?:\w+ ){0,3}(?:ont menti|mentent)",
    r"(?:ceinture|martinet|baton|cable|fil electrique) (?:de|d) (?:mon|ma) (?:pere|mere|beau pere|"
    r"belle mere|daron|daronne)",
    r"(?:pour|afin de) (?:ne )?(?:pas|plus) rentrer (?:chez moi|a la maison)",
    r"(?:ca|ils|on) (?:crie|hurle)\w* et (?:ca |ils |il |elle )?(?:cogne|frappe|tape|casse)",
    rf"(?:mon grand frere|ma grande soeur|mon (?:frere|demi frere|cousin) de (?:1[5-9]|[2-9]\d) ans)"
    rf" (?:me|m) (?:a |avait )?{HURT}",
    r"(?:m a|m ont) (?:tire|tiree|traine|trainee) par les cheveux|(?:m a|m ont) etrangle\w*",
    r"si (?:je|j) (?:parle|dis|raconte|le dis)\w* (?:\w+ ){0,8}(?:regretter|tuer|frapper|tu vas "
    r"voir|va voir)",
    rf"{PARENT} (?:frapp\w*|tap\w*|bat\w*|cogn\w*) (?:ma|mon|mes) (?:mere|pere|soeur|frere|"
    r"freres|soeurs|belle mere|beau pere)",
    r"menace\w* avec (?:un|une) (?:couteau|arme|flingue|pistolet|ciseaux|batte)",
    rf"{FAMILY} (?:\w+ ){{0,6}}(?:me|m) (?:frappent|frappe|tapent|battent|bat|cognent|cogne)\b",
    rf"{PARENT} (?:me|m) (?:a |ont |avait |avaient |a encore )?{HURT}",
    rf"{PARENT} (?:\w+ ){{0,3}}(?:(?:me|m) (?:met|mettent|mettait|a mis|ont mis) (?:des |une )?|"
    r"(?:des |les )?)(?:claques?|gifles?|baffes?|coups? de (?:ceinture|poing|pied|martinet)|"
    r"coups?|patates?)",
    rf"{SIBLING} (?:me|m) (?:a |avait )?{HURT} (?:\w+ ){{0,4}}(?:tous les jours|tout le temps|"
    r"jusqu au sang|fort|peur|encore)",
    r"(?:peur|pas envie|veux pas|ose pas|ose plus|veux plus) (?:de )?(?:rentrer|retourner) "
    r"(?:chez moi|a la maison|a la maison ce soir)",
    r"(?:quand|si|des qu|des que) (?:il|elle|mon pere|ma mere|mon beau pere|ma belle mere|"
    r"mon daron) (?:boit|a bu|rentre (?:saoul|bourre|ivre)|est (?:saoul|bourre|ivre|en colere))",
    rf"{PARENT} (?:frappe|tape|bat|cogne|etrangle|menace) (?:ma|mon|mes) (?:mere|pere|soeur|"
    r"frere|freres|soeurs|belle mere|beau pere)",
    r"(?:se|ils se) (?:frappent|battent|tapent) (?:a la maison|chez moi|tous les soirs|"
    r"tout le temps)|violences? (?:conjugales?|a la maison|familiales?)",
    r"(?:marques?|traces?|bleus?|trace) (?:de|des) (?:ceinture|coups|doigts|main|mains)",
    r"(?:je me cache|on se cache|je m enferme|on s enferme) (?:sous|dans|quand|parce)",
    rf"{PARENT} (?:me|m) (?:prive\w* de (?:manger|nourriture|repas)|laisse\w* sans manger|"
    r"enferme\w*|met\w* dehors|a mis dehors|ont mis dehors|jete\w* dehors)",
    r"(?:battu|battue|maltraite|maltraitee) (?:par|chez) (?:mon|ma|mes|moi)",
    r"maltraitance",
]

SEXUAL_VIOLENCE = [
    r"(?:m a|m ont|m avait) forcee?\b",
    r"(?:m a|m ont|m avait|me) (?:fait|faisait|font) des (?:choses|trucs)",
    r"(?:ma|ta|sa) faute ce qui s est passe avec",
    r"(?:m oblige|me force|m obligeait|me forcait) a (?:faire|le|la)",
    r"(?:main|mains) (?:\w+ ){0,2}(?:sur ma cuisse|sur mes cuisses|dans mon pantalon|sous mon|"
    r"vont partout|partout)",
    r"s est fait (?:agresser|violer|toucher|abuser)|se fait (?:toucher|violer|abuser)",
    r"(?:fait|font|faisait) des choses (?:avec|a) moi",
    r"(?:il|elle) a profite|a profite de moi|(?:m a|ont) drogue\w*",
    r"me touche\b|me touchait|(?:touche|toucher) depuis que",
    r"(?:bisous|caresses|massages) bizarres|me demande de me deshabiller",
    r"(?:je sais|tu sais) ce qu (?:il|elle) va (?:me )?faire",
    r"(?:entre|rentre) quand je (?:prends ma douche|me douche|me change|dors)",
    r"(?:ca fait|depuis) \d+ (?:ans|mois) que ca dure",
    r"si je parlais (?:il|elle) (?:ferait|fera)",
    r"me sens sale|(?:je me lave|me laver) \d+ fois",
    r"(?:m a|m ont) plaquee? contre",
    r"(?:abusee?|abuse) par",
    r"(?:ferme|fermait) la porte et (?:apres|ensuite)",
    r"ce qu (?:il|elle) me fait (?:la nuit|quand|le soir)",
    r"j avais mal et (?:il|elle) (?:arretait|continuait)",
    r"normal entre (?:cousins|freres|freres et soeurs)",
    r"(?:m a|m ont|l a|t a) tripote\w*",
    r"(?:asseoir|assise|assis) sur ses genoux",
    r"enceinte (?:\w+ ){0,3}de (?:mon|ma) (?:oncle|pere|beau pere|frere|cousin|grand pere)",
    r"(?:quand|lorsque|lorsqu) (?:on est|nous sommes|je suis) (?:seuls|seules|seul avec|"
    r"seule avec|tous les deux)",
    r"(?:vient|venait|rentre|rentrait|entre|entrait) dans (?:mon lit|ma chambre|la salle de bain)"
    r" (?:la nuit|quand|le soir)",
    r"(?:reveille\w*|retrouve\w*) (?:\w+ ){0,2}(?:sans mes vetements|nue?\b|deshabille\w*|"
    r"sans ma culotte)",
    r"(?:remarques?|commentaires?) sur (?:mes seins|ma poitrine|mes fesses|mon corps)|me frol\w*",
    r"(?:me|lui|m|leur) (?:fait|faisait|font|faisaient) des (?:choses|trucs) (?:la nuit|que|"
    r"bizarres|quand|pas normales?|sexuelles?)",
    r"frott\w* contre moi",
    r"touchee? partout|(?:m|l) (?:ont|a) touchee?\b",
    r"\bviol(?:e|ee|es|ees|er|ait|aient|ais|eur|eurs)?\b",
    r"attouchement\w*|inceste\w*|agression sexuelle|agresse\w* sexuellement|abus\w* sexuel\w*|"
    r"abuse\w* de moi|pedophil\w*|pedo\b|pedocriminel\w*",
    r"(?:me|m) (?:touche|touchait|touchent|a touche|ont touche|tripote\w*|caresse\w*|"
    r"deshabill\w*|pelote\w*) (?:\w+ ){0,3}(?:quand|la ou|partout|entre|sous|les seins|"
    r"la poitrine|les fesses|le sexe|la nuit|seule?s?|alors que|en cachette|sans|et)",
    r"(?:me|m) (?:touche|touchait|touchent|a touche|ont touche|tripote\w*|pelote\w*)$",
    r"(?:m a|m ont|m avait) (?:force|forcee|obligee?) (?:a|de) (?:le|la|les|faire|toucher|sucer|"
    r"coucher|me deshabiller|l embrasser|regarder)",
    r"(?:m a|m ont|il m a|elle m a) (?:force|forcee)$",
    r"(?:force|forcee|obligee?) a (?:coucher|faire des choses|le toucher|la toucher|me "
    r"deshabiller|regarder des (?:films|videos) porno|faire l amour)",
    r"(?:mis|met|a mis|ont mis) (?:quelque chose|un truc|une drogue|un cachet) dans mon verre",
    r"(?:touche|toucher|touchait|caresse\w*) (?:mes parties|mon sexe|ma poitrine|mes seins|"
    r"mes fesses|entre mes jambes|sous mes vetements|sous ma culotte|sous mon)",
    r"(?:sans|pas) (?:mon )?consentement|j (?:avais|ai) dit non (?:mais|et) (?:il|elle) a "
    r"continue",
    r"(?:met|mettait|a mis|glisse\w*) (?:sa|la) main (?:sous|dans|sur mes|entre)",
    r"(?:rentre|rentrait|vient|venait) dans ma chambre la nuit",
    r"(?:embrasse\w*|embrasser) de force",
]

INSULTS = frozenset(
    [
        "connard", "connasse", "con", "conne", "debile", "abruti", "abrutie", "idiot", "idiote",
        "cretin", "cretine", "fdp", "pute", "salope", "salaud", "encule", "enculee", "batard",
        "batarde", "ntm", "tg", "bouffon", "bouffonne", "teube",
    ]
)  # fmt: skip
INSULT_PHRASES = (
    "ta gueule", "ferme la", "nique ta", "va te faire", "tu es nul", "tu sers a rien",
    "sers a rien", "de merde", "tu es con", "tu es bete", "t es nul", "bot de", "robot de",
    "tu comprends rien", "t es inutile", "tu es inutile", "tu pues", "t es trop nul",
)  # fmt: skip

# Spans that look like distress and are not: removed before the patterns above are tried.
LOOK_ALIKES = [
    # A brother or sister teasing about tastes is family life, not harassment.
    rf"{SIBLING} (?:se|s) (?:moque\w*|fout\w*) (?:de moi|de ma gueule) (?:\w+ ){{0,2}}(?:parce|car|"
    r"pour|quand|a cause)",
    r"(?:mon|son|ton|le|notre|leur) (?:perso|personnage|avatar|heros|champion|sims|pnj) (?:\w+ ){0,3}"
    r"(?:suicid\w*|tue\w*|mort|morte|meurt|creve|saute\w*|noye\w*)",
    # Talk about a topic: prevention, careers, lessons, films.
    r"(?:prevention|prevenir|lutter contre|lutte contre|aider les victimes|proteger les victimes|"
    r"les victimes|sensibiliser|film sur|documentaire sur|expose sur|exposes? sur|intervention "
    r"sur|campagne contre|appli de|appli contre|application de|application contre|cours sur|"
    r"metier contre|travailler contre|bosser contre|parler du|parle du|parle de la) (?:\w+ ){0,2}"
    r"(?:du |de la |des |le |la |les |au |aux |contre )?(?:suicide|harcelement|cyberharcelement|"
    r"violences?(?: \w+)?|sextorsion|pedocriminalite|viol|inceste|arnaques?|haine)",
    r"(?:serai|serais) plus la (?:\w+ ){0,4}(?:demenage|change de|pars en|part en|vacances|stage|"
    r"internat|erasmus|voyage)",
    rf"{SIBLING} (?:\w+ ){{0,2}}(?:m a |me )(?:enferm\w*|tape\w*|frappe\w*|pousse\w*) (?:\w+ ){{0,6}}"
    r"(?:pour rigoler|pour rire|pour jouer|en jouant|en plastique|rire)",
    rf"{FAMILY} a (?:poste|publie|partage|mis) (?:\w+ ){{0,8}}rire",
    r"(?:on m a|ils m ont|m a|m ont) vole (?:mon|ma) (?:velo|trottinette|scooter|telephone|tel|"
    r"portefeuille|sac) (?:\w+ ){0,6}(?:plainte|police|assurance|retrouver)",
    # Figures of speech
    r"(?:mort|morte|morts|mortes|meurs|meurt|mourir|mourrir|mourais|mourrai|creve|crever|crevee|"
    r"crevais|decede|decedee|tue|tuee|tuer) (?:de|d) (?:rire|fatigue|faim|soif|chaud|chaleur|"
    r"froid|honte|peur|ennui|envie|stress|sommeil|jalousie|impatience|curiosite|trac|"
    r"bonheur|joie|amour|gene|epuisement|flemme)",
    r"(?:ca|cela|il|elle|ce|cette|ces|tu|vous|le|la|les|mon|ma|mes|ton|ta) (?:\w+ ){0,3}"
    r"(?:me|m) (?:tue|tues|tuent|tuait|a tue|achev\w*|massacr\w*|detrui\w*|defonc\w*|"
    r"saoul\w*|soul\w*|gave|rend fou|rend folle|rendent fou|rendent folle|fait mourir|"
    r"fait crever)",
    r"(?:va|vont|allait|allaient|aller|vais|vas) me (?:tuer|buter|defoncer|massacrer|"
    r"tuer si|engueuler|tuer quand|tuer mdr)",
    r"(?:je vais|vais|on va|je vais me faire) (?:tuer|defoncer|massacrer|exploser|detruire|"
    r"eclater|exterminer|tuer|etriper) (?:ce|cette|le|la|les|mon|ma|mes|tous|l|en|au|a)"
    r" (?:\w+ )?(?:controle|exam|examen|bac|brevet|partiel|devoir|dm|match|game|partie|boss|"
    r"niveau|ranked|tournoi|epreuve|oral|interro|qcm|ds|dst|adversaires?|equipe|prof)",
    r"(?:je suis|chui|suis) (?:mort|morte|mourant|mourante|k o|ko|creve|crevee|lessive\w*|"
    r"detruit|detruite|epuise\w*)(?! (?:a l interieur|dans ma tete))(?= (?:de|d|rire|apres|"
    r"ce|ces|la|tellement|trop|la|mdr|lol)|$)",
    r"(?:je vais|vais) (?:mourir|crever|decede\w*) (?:au|a|pendant|en|avant|de|d) (?:bac|"
    r"brevet|controle|exam|examen|oral|partiel|cours|sport|math|mathematiques|physique|"
    r"philo|rire|faim|chaud|froid|ennui)",
    r"(?:je me suis|on s est|j me suis) (?:fait|faite) (?:defoncer|massacrer|eclater|"
    r"exploser|detruire|demonter|tuer|kill|one shot|ratatiner|humilier) (?:en|au|a|par|dans|"
    r"sur|contre) (?:\w+ ){0,2}(?:controle|maths|mathematiques|physique|foot|basket|tennis|"
    r"match|jeu|game|partie|ranked|fortnite|valo|valorant|lol|fifa|smash|echecs|interro|"
    r"examen|bac|brevet|tournoi|boss|pvp|mario kart)",
    r"(?:envie|hate) d (?:en finir|finir) avec (?:le|la|les|ce|cette|ces|mon|ma|mes)"
    r" (?!vie\b)\w+",
    r"disparaitre (?:de|d) (?:tiktok|insta|instagram|snap|snapchat|ce groupe|la conv|"
    r"ce serveur|discord|les reseaux|twitter|facebook|whatsapp|youtube|internet)",
    r"me (?:suis )?(?:coupe|coupee|couper) (?:les cheveux|la frange|les ongles|une frange|"
    r"les pointes)",
    r"(?:je me suis|j me suis) (?:coupe|coupee|brule|brulee|blesse|blessee|fait mal|"
    r"tape|tapee|cogne|cognee|tordu|tordue|foule|foulee) (?:\w+ ){0,4}(?:en cuisinant|en "
    r"coupant|avec (?:le|la|un|une|du|mon|ma) (?:couteau|fer|four|feuille|papier|casserole|"
    r"plaque|poele|eau|lisseur|fer a lisser|marteau|scie|tournevis|cutter en)|au (?:foot|basket|"
    r"hand|rugby|sport|ski|velo|skate|judo|entrainement|match|doigt|pouce)|en (?:sport|eps|"
    r"bricolant|jardinant|faisant|tombant|jouant)|le doigt|la main en|contre (?:la|le) "
    r"(?:porte|table|meuble|mur|lit))",
    # Games
    r"(?:dans|sur|en|au|a) (?:le jeu|un jeu|mon jeu|fortnite|minecraft|gta|valo|valorant|cod|"
    r"call of duty|lol|league of legends|apex|roblox|among us|ranked|partie|game|pvp|smash|"
    r"smash bros|rainbow|rainbow six|fifa|zelda|elden ring|dark souls|overwatch|csgo|cs|"
    r"counter strike|warzone|the last of us|resident evil|fnaf|clash royale|brawl stars|"
    r"pokemon|mario kart|hollow knight|the witcher|assassin s creed|red dead)",
    r"(?:mon|ton|son) (?:perso|personnage|avatar|champion|heros|skin) (?:est|a ete|s est fait) "
    r"(?:mort|tue|fait tuer|fait kill|elimine)",
    r"(?:fait|fais) (?:kill|one shot|headshot|tuer) (?:\w+ ){0,3}(?:par|au|en|a|dans)",
    r"(?:me|m) (?:a|ont) (?:kill|one shot|headshot|tue|tuee|elimine) (?:\w+ ){0,4}(?:au|en|a|"
    r"dans|sur) (?:\w+ )?(?:jeu|game|partie|fortnite|minecraft|smash|valo|lol|ranked|round)",
    # Sports and play
    rf"{SIBLING} (?:me|m) (?:a )?(?:tape\w*|frappe\w*|pousse\w*|pince\w*|mordu\w*) (?:\w+ ){{0,4}}"
    r"(?:pour|mdr|rire|lol|en jouant|au|a cause de la|parce que j ai)(?! (?:rien|tout|tous))",
    r"(?:m a|m ont) (?:frappe|tape|taper|pousse|taclee?|bouscule|mis un coup) (?:\w+ ){0,3}"
    r"(?:au foot|au basket|au hand|au rugby|au match|a l entrainement|au judo|a la boxe|au sport|"
    r"en eps|en sport|carton)",
    r"(?:photos?|videos?) (?:de la soiree|du voyage|de vacances|de classe|de groupe|du match|"
    r"de l anniv|de l anniversaire) ",
]

# Compiled once: each category, and the look-alike spans.
CATEGORIES = {
    "suicide": SUICIDE,
    "automutilation": SELF_HARM,
    "violence_sexuelle": SEXUAL_VIOLENCE,
    "sextorsion": SEXTORTION,
    "violence_famille": HOME_VIOLENCE,
    "cyberharcelement": CYBER,
    "harcelement": HARASSMENT,
}
COMPILED = {
    category: re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in patterns) + r")")
    for category, patterns in CATEGORIES.items()
}
LOOK_ALIKE = re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in LOOK_ALIKES) + r")")
ONLINE_CONTEXT = re.compile(rf"\b{ONLINE}\b")


# "Ce n'est pas une expression": the student says the figure of speech is meant literally.
LITERAL = re.compile(
    r"\b(?:pas une expression|pas une image|pour de vrai|pas pour rire|au sens propre|"
    r"je rigole pas|c est pas une blague|pas une blague|serieux)\b"
)


def without_look_alikes(normalized):
    """The message with the spans that only look like distress blanked out."""
    if LITERAL.search(normalized):
        return normalized
    return " ".join(LOOK_ALIKE.sub(" ", normalized).split())


def matching_category(normalized):
    """The first category (most urgent first) whose patterns the message matches, or None.

    School harassment that happens online is cyberharassment: its helpline can remove content.
    """
    text = without_look_alikes(normalized)
    if not text:
        return None
    for category, pattern in COMPILED.items():
        if pattern.search(text):
            if category == "harcelement" and ONLINE_CONTEXT.search(text):
                return "cyberharcelement"
            return category
    return None


def is_insult(normalized):
    """Rude words at Charly: answered calmly, never as distress."""
    return bool(set(normalized.split()) & INSULTS) or any(
        phrase in normalized for phrase in INSULT_PHRASES
    )
