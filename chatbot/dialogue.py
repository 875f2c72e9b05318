"""Charly's side of a conversation: follow the editors' flows, answer what the student asks,
and say so when unsure rather than guess.

A `Dialogue` takes one turn (a choice or a masked text) and produces Charly's replies, changing
only the conversation it was given; `chatbot.service` validates, stores and serializes.
"""

from dataclasses import dataclass, field

from cms.formations.models import Bac, Specialite
from cms.metiers.models import MetierPage
from cms.metiers.riasec import DIMENSIONS
from cms.orientation.scoring import MetierProfile, rank_metiers

from . import answers, safety
from .answers import Reply
from .classifier import SUGGESTION_FLOOR
from .entities import city_of
from .flows import steps_of
from .language import normalize, stem
from .models import Flow, Intent, Level, Outcome
from .nlu import detect_level, understand

MAX_FLOW_STEPS = 30
RESTART = frozenset(
    {"recommencer", "recommence", "on recommence", "restart", "reset", "depuis le debut"}
)
# Intents about one métier: without one, Charly asks which.
METIER_INTENTS = frozenset({"salaire", "etudes", "bac_specialite", "c_est_quoi"})
SAFETY_INTENTS = frozenset({"detresse", "insulte"})
# Never offered as a guess: "Tu veux parler de : Au revoir ?" helps nobody.
UNSUGGESTED = SAFETY_INTENTS | {"bonjour", "remerciement", "au_revoir"}
NOT_UNDERSTOOD = (
    "Je ne suis pas sûr d'avoir compris, et je préfère ne pas inventer. "
    "Tu peux reformuler ta question, ou choisir :"
)
HELP_REPLIES = [
    {"label": "Chercher sur le site", "value": "action:recherche"},
    {"label": "Faire le test d'orientation", "value": "action:test"},
    {"label": "Écrire à l'équipe", "value": "action:contact"},
]
MENU_REPLIES = [
    {"label": "Trouver des métiers pour moi", "value": "action:recommencer"},
    {"label": "Faire le test d'orientation", "value": "action:test"},
]
END_REPLIES = [{"label": "Recommencer", "value": "action:recommencer"}]
BASE_SCORE, PRIMARY_SCORE, SECONDARY_SCORE = 20, 100, 70


@dataclass
class Context:
    """What an answer may use: the métier in question, the entity named, the place."""

    normalized: str = ""
    entity: object = None
    metier: str = ""  # named in the message, or the one the conversation is about
    named: bool = True  # False when `metier` only comes from earlier in the conversation
    place: tuple | None = None


@dataclass
class Dialogue:
    conversation: object
    replies: list = field(default_factory=list)
    outcome: str = Outcome.ANSWERED
    intent: str = ""
    confidence: float | None = None
    entities: list = field(default_factory=list)
    normalized: str = ""
    flow_used: object = None
    asks: bool = False  # the student's text is a question
    read_flows: dict = field(default_factory=dict)

    # --- Entry points -----------------------------------------------------------------------

    def start(self, flow):
        if flow is not None:
            self.run_flow(flow)
        else:
            self.say(
                "Salut, moi c'est Charly ! Je t'aide à découvrir les métiers du numérique et "
                "les études pour y arriver. Pose-moi ta question !",
                quick_replies=MENU_REPLIES,
            )
        self.finish()

    def on_choice(self, value):
        kind, _, argument = value.partition(":")
        step = self.waiting_step()
        if kind == "action":
            self.action(argument)
        elif kind == "metier":
            self.conversation.metier = argument
            self.answer(self.conversation.pending_intent or "c_est_quoi", Context(metier=argument))
        elif kind == "intention":
            self.answer(argument, Context(metier=self.conversation.metier))
        elif step is None:
            self.lost()
        else:
            self.outcome = Outcome.FLOW
            self.choose_in_step(step, kind, argument)
        self.finish()

    def choose_in_step(self, step, kind, argument):
        position = int(argument) if argument.isdigit() else -1
        exits = step.exits()
        if kind == "niveau" and step.kind == "ask_level" and argument in Level.values:
            self.conversation.level = argument
        elif kind == "interet" and step.kind == "ask_interests":
            interests = step.value["interests"]
            if not 0 <= position < len(interests):
                self.lost()
                return
            self.add_interests([interests[position]])
        elif kind == "reponse" and step.kind == "question" and 0 <= position < len(exits):
            exits = [exits[position]]
        else:
            self.lost()
            return
        self.run_flow(self.conversation.flow, exits[0])

    def on_text(self, text):
        """Answer a masked text: safety first, then the flow's question, then the intent."""
        self.asks = "?" in text
        concern = safety.concern(text)
        understanding = None if concern else understand(text)
        self.normalized = understanding.normalized if understanding else normalize(text)
        if understanding:
            self.intent = understanding.intent or ""
            self.confidence = understanding.confidence
            self.entities = understanding.entities
        if concern:
            self.take_care(concern)
        elif self.normalized in RESTART:
            self.restart()
        else:
            self.understand_text(understanding)
        self.finish()

    # --- Understanding ----------------------------------------------------------------------

    def understand_text(self, understanding):
        entity = understanding.entity
        place = city_of(understanding.entities)
        if place:
            self.conversation.ville = f"{place.kind}:{place.value}"
        if entity and entity.kind == "metier":
            self.conversation.metier = entity.value
        step = self.waiting_step()
        named = entity is not None and entity.kind in ("metier", "formation")
        if step and not (named and understanding.intent) and self.answer_step(step):
            self.outcome = Outcome.FLOW
            return
        if understanding.intent in SAFETY_INTENTS:
            self.take_care(None)
            return
        if entity and entity.kind == "metier" and entity.candidates:
            self.which_metier(understanding.intent, [entity.value, *entity.candidates])
            return
        named_metier = entity.value if entity and entity.kind == "metier" else ""
        context = Context(
            normalized=understanding.normalized,
            entity=entity,
            metier=named_metier or self.conversation.metier,
            named=bool(named_metier),
            place=self.place(),
        )
        pending = self.conversation.pending_intent
        # "pentester" after "Pour quel métier ?" answers that question.
        if named_metier and pending and len(understanding.normalized.split()) <= 3:
            self.answer(pending, context)
        elif understanding.intent:
            self.answer(understanding.intent, context)
        elif named_metier and (faq := self.faq(context)):
            self.say_reply(faq)
        elif named_metier:
            if not self.suggest(understanding):
                self.answer("c_est_quoi", context)
        elif not self.suggest(understanding):
            self.not_understood()

    def place(self):
        kind, _, value = self.conversation.ville.partition(":")
        return (kind, value) if value else None

    def faq(self, context):
        page = answers.metier(context.metier)
        return answers.faq_answer(page, context.normalized) if page else None

    def suggest(self, understanding):
        """Offer the likeliest intents as choices, when the classifier half understood."""
        prediction = understanding.prediction
        options = [
            intent
            for intent, probability in (prediction.ranking if prediction else ())
            if probability >= SUGGESTION_FLOOR and intent not in UNSUGGESTED
        ]
        labels = dict(
            Intent.objects.filter(slug__in=options, active=True).values_list("slug", "label")
        )
        options = [intent for intent in options if intent in labels]
        if not options:
            return False
        self.outcome = Outcome.LOW_CONFIDENCE
        self.say(
            "Je ne suis pas sûr d'avoir bien compris. Tu veux parler de :",
            quick_replies=[
                *({"label": labels[intent], "value": f"intention:{intent}"} for intent in options),
                HELP_REPLIES[0],
            ],
        )
        return True

    def not_understood(self):
        """Say so, and offer the waiting step's answers, the search, the test and a person."""
        self.outcome = Outcome.UNANSWERED
        self.say(NOT_UNDERSTOOD, quick_replies=[*self.step_replies(), *HELP_REPLIES])

    def which_metier(self, intent, slugs):
        pending = intent or self.conversation.pending_intent or "c_est_quoi"
        self.conversation.pending_intent = pending
        self.outcome = Outcome.LOW_CONFIDENCE
        self.say("Tu penses à quel métier ?", quick_replies=_metier_replies(slugs))

    def take_care(self, concern):
        """Distress gets the helplines and nothing else; an insult, a calm word."""
        self.outcome = Outcome.SAFETY
        insult = concern.kind == "insulte" if concern else self.intent == "insulte"
        if insult:
            self.intent = "insulte"
            self.say(safety.CALM_REPLY, quick_replies=self.step_replies() or MENU_REPLIES)
            return
        self.intent = "detresse"
        lines = safety.caring_reply(concern) if concern else safety.general_distress_reply()
        for line in lines:
            self.say(line)

    # --- Intents ----------------------------------------------------------------------------

    def answer(self, slug, context):
        intent = Intent.objects.filter(slug=slug, active=True).select_related("page").first()
        if intent is None:
            self.not_understood()
            return
        self.conversation.pending_intent = ""
        flow = intent.flows.filter(active=True).first()
        if flow is not None:
            self.outcome = Outcome.FLOW
            self.run_flow(flow)
            return
        handler = getattr(self, f"answer_{slug}", None)
        reply = handler(context) if handler else None
        if reply is None and intent.answer:
            cards = [answers.page_card(intent.page)] if intent.page else []
            reply = Reply(intent.answer, cards=cards)
        if reply is None and slug in METIER_INTENTS and not context.metier:
            self.ask_metier(slug)
            return
        if reply is None:
            self.not_understood()
            return
        if slug == "bonjour" and not self.waiting_step():
            reply.quick_replies = MENU_REPLIES
        self.say_reply(reply)

    def ask_metier(self, slug):
        self.conversation.pending_intent = slug
        self.say(
            "Pour quel métier ? Écris-moi son nom, par exemple « développeur web » ou "
            "« pentester ».",
            quick_replies=_metier_replies(self.conversation.metiers_seen[-4:]),
        )

    def page_for(self, context):
        page = answers.metier(context.metier)
        if page is not None:
            self.seen(page.slug)
        return page

    def answer_c_est_quoi(self, context):
        entity = context.entity
        subject = " ".join(w for w in context.normalized.split() if w not in QUESTION_WORDS)
        # "c'est quoi ce métier ?" is about the métier of the conversation; "c'est quoi un
        # BTS ?" is not.
        about_metier = context.named or not subject
        if about_metier and context.metier and (page := self.page_for(context)):
            return answers.overview(page)
        if entity is not None and entity.kind == "formation":
            return answers.formation_overview(entity.value)
        if entity is not None and entity.kind in ("specialite", "bac"):
            model = Specialite if entity.kind == "specialite" else Bac
            return answers.described(model, entity.value)
        cards = answers.search_cards(subject)
        if not cards:
            return None
        return Reply(
            f"Je n'ai pas de fiche qui réponde exactement à « {subject} », mais voici ce que "
            "j'ai trouvé :",
            cards=cards,
        )

    def answer_salaire(self, context):
        page = self.page_for(context)
        return answers.salary(page) if page else None

    def answer_etudes(self, context):
        page = self.page_for(context)
        if page:
            return answers.studies(page, context.place, self.conversation.level)
        return answers.formations_near(context.place) if context.place else None

    def answer_bac_specialite(self, context):
        page = self.page_for(context)
        return answers.bacs(page) if page else None

    def answer_alternance(self, context):
        entity = context.entity
        if entity is not None and entity.kind == "formation":
            return answers.formation_alternance(entity.value)
        page = self.page_for(context)
        return answers.alternance(page) if page else None

    def answer_filles_numerique(self, context):
        page = self.page_for(context) if context.named else None
        text = answers.women(page) if page else None
        if text is None:
            return None
        intent = Intent.objects.filter(slug="filles_numerique").select_related("page").first()
        cards = [answers.page_card(page, "metier")]
        if intent and intent.page:
            cards.append(answers.page_card(intent.page))
        return Reply(text, cards=cards)

    def answer_niveau_scolaire(self, context):
        """Remember the level the student mentions; the editors' answer says what comes next."""
        level = detect_level(context.normalized)
        if level:
            self.conversation.level = level

    def answer_niveau_maths(self, context):
        page = self.page_for(context)
        return answers.faq_answer(page, "fort mathematiques maths") if page else None

    # --- Actions ----------------------------------------------------------------------------

    def action(self, name):
        if name == "recommencer":
            self.restart()
        elif name in ("test", "carte"):
            self.say(
                "Le test d'orientation te propose des métiers qui collent à tes goûts."
                if name == "test"
                else "Sur la carte, tu trouves les établissements qui forment au numérique.",
                cards=[answers.link_card(name)],
            )
        elif name == "recherche":
            self.search_last_question()
        elif name == "contact":
            self.handoff(
                "Tu peux écrire à l'équipe de Talents du Numérique : une personne de "
                "l'association te répondra. N'écris pas d'informations personnelles."
            )
        else:
            self.lost()

    def search_last_question(self):
        last = (
            self.conversation.messages.filter(sender="student", choice="")
            .order_by("-created_at", "-pk")
            .values_list("text", flat=True)
            .first()
        )
        query = " ".join(w for w in normalize(last or "").split() if w not in QUESTION_WORDS)
        cards = answers.search_cards(query)
        if cards:
            self.say(
                "Voici ce que j'ai trouvé sur le site :",
                cards=[*cards, answers.link_card("recherche", query)],
            )
        else:
            self.say(
                "Je n'ai rien trouvé sur le site pour ça. L'équipe de Talents du Numérique "
                "peut sûrement t'aider :",
                cards=[card for card in [answers.contact_card()] if card],
            )

    def handoff(self, text):
        card = answers.contact_card()
        self.say(text, cards=[card] if card else [])

    def restart(self):
        conversation = self.conversation
        conversation.level = ""
        conversation.interests = []
        conversation.metiers_seen = []
        conversation.ville = ""
        conversation.metier = ""
        conversation.pending_intent = ""
        conversation.flow = None
        conversation.node = ""
        flow = Flow.objects.filter(welcome=True, active=True).first()
        if flow is not None:
            self.run_flow(flow)
        else:
            self.say("On repart de zéro ! Pose-moi ta question.", quick_replies=MENU_REPLIES)

    def lost(self):
        """A choice whose step an editor removed meanwhile: start again rather than guess."""
        self.conversation.flow = None
        self.conversation.node = ""
        self.say("Oups, je me suis un peu perdu. On reprend ?", quick_replies=END_REPLIES)

    # --- Flows ------------------------------------------------------------------------------

    def steps(self, flow):
        """The flow's steps, read once per turn."""
        if flow.pk not in self.read_flows:
            self.read_flows[flow.pk] = steps_of(flow.steps)
        return self.read_flows[flow.pk]

    def waiting_step(self):
        conversation = self.conversation
        if conversation.flow is None or not conversation.node:
            return None
        return next((s for s in self.steps(conversation.flow) if s.key == conversation.node), None)

    def run_flow(self, flow, key=None):
        """Play the flow from `key` (its start by default) until a step waits or it ends."""
        steps = self.steps(flow)
        by_key = {step.key: step for step in steps}
        key = steps[0].key if key is None and steps else key
        self.conversation.flow = flow
        self.conversation.node = ""
        self.flow_used = flow
        said = len(self.replies)
        for _ in range(MAX_FLOW_STEPS):
            step = by_key.get(key)
            if step is None:
                break
            getattr(self, f"step_{step.kind}")(step)
            if step.waits:
                self.conversation.node = step.key
                return
            key = step.exits()[0]
        if len(self.replies) == said:
            self.say("D'accord ! Je reste là si tu as une question.")
        if not self.replies[-1].quick_replies:
            self.replies[-1].quick_replies = END_REPLIES

    def step_replies(self):
        step = self.waiting_step()
        return _step_replies(step) if step else []

    def step_message(self, step):
        self.say(step.value["text"], node=step.key)

    def step_question(self, step):
        self.say(step.value["text"], quick_replies=_step_replies(step), node=step.key)

    def step_ask_level(self, step):
        self.say(step.value["text"], quick_replies=_step_replies(step), node=step.key)

    def step_ask_interests(self, step):
        self.say(step.value["text"], quick_replies=_step_replies(step), node=step.key)

    def step_recommend_metiers(self, step):
        chosen = self.recommend(step.value.get("count") or 3)
        lines = [f"• {match.title} — {match.raisons[0]}" for match, _ in chosen]
        self.conversation.metier = ""
        self.say(
            "\n".join([step.value["text"], *lines]),
            cards=[answers.page_card(page, "metier") for _, page in chosen],
            node=step.key,
        )

    def step_metier_card(self, step):
        page = step.value["metier"]
        page = page.specific if page else None
        if page is None or not page.live:
            return
        self.seen(page.slug)
        self.conversation.metier = page.slug
        self.say(
            step.value.get("text") or f"{page.title} : {page.accroche}",
            cards=[answers.page_card(page, "metier")],
            node=step.key,
        )

    def step_formations(self, step):
        chosen = step.value.get("metier")
        page = answers.metier(chosen.slug if chosen else self.conversation.metier)
        if page is None:
            self.say(
                "Dis-moi d'abord quel métier t'intéresse, et je te montre les formations "
                "qui y mènent.",
                node=step.key,
            )
            return
        self.seen(page.slug)
        reply = answers.studies(page, self.place(), self.conversation.level)
        intro = step.value.get("text")
        text = f"{intro} {reply.text}" if intro else reply.text
        self.say(text, cards=reply.cards, node=step.key)

    def step_link(self, step):
        target = step.value["target"]
        page = step.value.get("page")
        if target == "page":
            cards = [answers.page_card(page.specific)] if page and page.live else []
        else:
            cards = [answers.link_card(target)]
        self.say(step.value["text"], cards=cards, node=step.key)

    def step_handoff(self, step):
        card = answers.contact_card()
        self.say(step.value["text"], cards=[card] if card else [], node=step.key)

    def answer_step(self, step):
        """Take a typed answer to the waiting step; False when the text does not answer it."""
        if step.kind == "ask_level":
            level = detect_level(self.normalized)
            if level is None:
                return False
            self.conversation.level = level
        elif step.kind == "ask_interests":
            # "chui nul en maths ?" names a subject, but is no answer to "what do you like".
            if self.asks or set(self.normalized.split()) & NEGATIONS:
                return False
            chosen = _interests_in(self.normalized, step.value["interests"])
            if not chosen:
                return False
            self.add_interests(chosen)
        else:
            position = _reply_in(self.normalized, step.value["replies"])
            if position is None:
                return False
            self.run_flow(self.conversation.flow, step.exits()[position])
            return True
        self.run_flow(self.conversation.flow, step.exits()[0])
        return True

    # --- Recommendations --------------------------------------------------------------------

    def add_interests(self, chosen):
        for interest in chosen:
            dimensions = [d for d in (interest["dimension"], interest.get("second_dimension")) if d]
            self.conversation.interests.append(
                {"label": interest["label"], "dimensions": dimensions}
            )

    def recommend(self, count):
        """The best métiers for the student's interests, those already shown last."""
        pages = {page.slug: page for page in MetierPage.objects.live()}
        ranked = rank_metiers(
            interest_profile(self.conversation.interests),
            [MetierProfile(p.slug, p.title, p.riasec_profile) for p in pages.values()],
        )
        seen = set(self.conversation.metiers_seen)
        fresh = [m for m in ranked if m.slug not in seen] or ranked
        chosen = [(match, pages[match.slug]) for match in fresh[:count]]
        for match, _ in chosen:
            self.seen(match.slug)
        return chosen

    def seen(self, slug):
        if slug not in self.conversation.metiers_seen:
            self.conversation.metiers_seen.append(slug)

    # --- Output -----------------------------------------------------------------------------

    def say(self, text, quick_replies=(), cards=(), node=""):
        labels = {}
        for reply in quick_replies:
            labels.setdefault(reply["label"], reply)
        self.replies.append(Reply(text, list(labels.values()), list(cards), node))

    def say_reply(self, reply):
        self.replies.append(reply)

    def finish(self):
        """Offer the waiting step's replies again when the last message offers none."""
        if self.replies and not self.replies[-1].quick_replies and self.outcome != Outcome.SAFETY:
            self.replies[-1].quick_replies = self.step_replies()
        self.conversation.replies = self.replies[-1].quick_replies if self.replies else []


NEGATIONS = frozenset({"pas", "nul", "nulle", "deteste", "horreur", "jamais", "rien"})
QUESTION_WORDS = frozenset(
    [
        "alors",
        "au",
        "c",
        "c'est",
        "ca",
        "ce",
        "cette",
        "comment",
        "consiste",
        "d",
        "de",
        "definition",
        "des",
        "dire",
        "du",
        "en",
        "est",
        "et",
        "exact",
        "exactement",
        "explique",
        "faire",
        "fait",
        "il",
        "je",
        "job",
        "juste",
        "l",
        "la",
        "le",
        "les",
        "metier",
        "metiers",
        "moi",
        "on",
        "ou",
        "pas",
        "plait",
        "pourquoi",
        "precisement",
        "qu",
        "que",
        "quel",
        "quelle",
        "quelles",
        "quels",
        "qui",
        "quoi",
        "s",
        "sa",
        "sais",
        "ses",
        "signifie",
        "son",
        "stp",
        "te",
        "travail",
        "tu",
        "un",
        "une",
        "veut",
    ]
)


def _step_replies(step):
    if step.kind == "ask_level":
        return [{"label": label, "value": f"niveau:{value}"} for value, label in Level.choices]
    if step.kind == "ask_interests":
        return [
            {"label": interest["label"], "value": f"interet:{position}"}
            for position, interest in enumerate(step.value["interests"])
        ]
    return [
        {"label": reply["label"], "value": f"reponse:{position}"}
        for position, reply in enumerate(step.value["replies"])
    ]


def _metier_replies(slugs):
    titles = dict(MetierPage.objects.live().filter(slug__in=slugs).values_list("slug", "title"))
    return [{"label": titles[slug], "value": f"metier:{slug}"} for slug in slugs if slug in titles]


def _contains(words, phrase):
    size = len(phrase)
    return size > 0 and any(words[i : i + size] == phrase for i in range(len(words) - size + 1))


def _interests_in(normalized, interests):
    """The interests whose label or one of whose keywords the student wrote."""
    words = [stem(word) for word in normalized.split()]
    return [
        interest
        for interest in interests
        if any(
            _contains(words, [stem(word) for word in normalize(keyword).split()])
            for keyword in [interest["label"], *(interest.get("keywords") or "").split(",")]
        )
    ]


def _reply_in(normalized, replies):
    """The position of the reply the student typed: the whole label, or its first word for a
    yes or a no ("oui, vas-y" chooses "Oui, montre-moi")."""
    words = normalized.split()
    for position, reply in enumerate(replies):
        label = normalize(reply["label"]).split()
        if label and (label == words or (label[0] in ("oui", "non") and words[:1] == label[:1])):
            return position
    for position, reply in enumerate(replies):
        label = normalize(reply["label"]).split()
        if len(label) > 1 and _contains(words, label):
            return position
    return None


def interest_profile(interests):
    """A RIASEC profile from the interests the student picked: their dimensions stand out."""
    profile = dict.fromkeys(DIMENSIONS, BASE_SCORE)
    for interest in interests:
        dimensions = interest["dimensions"]
        profile[dimensions[0]] = PRIMARY_SCORE
        for letter in dimensions[1:]:
            profile[letter] = max(profile[letter], SECONDARY_SCORE)
    return profile
