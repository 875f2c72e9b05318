"""Charly's side of a turn: take the student's choice or message, and decide what to answer.

A typed message is read in one pass (`understanding.read`: normalise → safety → entities →
intent); this module then decides, in order: care for a concern, the flow's waiting question,
the intent (computed from the fiches by `handlers`, or written by editors), a question
fréquente, and when no intent is confident or the student describes an interest, the search
(`grounding`). When nothing credible comes out, Charly says so and offers the test, the search
or a person. `chatbot.service` validates, stores and serializes.
"""

from cms.metiers.models import MetierPage

from . import answers, grounding, handlers, intents, safety
from .flowrunner import END_REPLIES, FlowRunner
from .handlers import Ask
from .language import QUESTION_WORDS, RESTART, normalize
from .models import Flow, Intent, Outcome
from .turn import Turn
from .understanding import detect_level, read

# Intents about the conversation itself: answered as such, never searched.
CONVERSATIONAL = frozenset(
    {"bonjour", "remerciement", "au_revoir", "insulte", "ne_sait_pas", "niveau_scolaire"}
)
# A question fréquente or a conversational intent recognised with this confidence is answered
# before any search; below, a statement about what the student likes is searched first.
SURE = 0.6
# A typed answer to the flow's waiting step is short ("en 3e", "le dessin"); a longer message
# says something else, and only its level is noted.
MAX_STEP_ANSWER_WORDS = 8
# Never offered as a guess: "Tu veux parler de : Au revoir ?" helps nobody.
UNSUGGESTED = frozenset({"insulte", "bonjour", "remerciement", "au_revoir"})
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
WELCOME = (
    "Salut, moi c'est Charly ! Je t'aide à découvrir les métiers du numérique et les études "
    "pour y arriver. Pose-moi ta question !"
)


class Dialogue:
    def __init__(self, conversation):
        self.turn = Turn(conversation)
        self.flows = FlowRunner(self.turn)

    @property
    def conversation(self):
        return self.turn.conversation

    # --- Entry points -----------------------------------------------------------------------

    def start(self, flow):
        if flow is not None:
            self.flows.run(flow)
        else:
            self.turn.say(WELCOME, quick_replies=MENU_REPLIES)
        self.finish()

    def on_choice(self, value):
        kind, _, argument = value.partition(":")
        if kind == "action":
            self.action(argument)
        elif kind == "metier":
            self.conversation.metier = argument
            self.answer(self.conversation.pending_intent or "c_est_quoi", Ask(metier=argument))
        elif kind == "intention":
            self.answer(argument, Ask(metier=self.conversation.metier, named=False))
        else:
            step = self.flows.waiting_step()
            if step is None or not self.flows.choose(step, kind, argument):
                self.lost()
            else:
                self.turn.outcome = Outcome.FLOW
        self.finish()

    def on_text(self, text):
        """Answer a masked text."""
        reading = read(text)
        turn = self.turn
        turn.normalized = reading.normalized
        turn.intent = reading.intent or ""
        turn.confidence = reading.confidence
        turn.entities = list(reading.entities)
        if reading.concern is not None:
            self.take_care(reading.concern)
        elif reading.normalized in RESTART:
            self.restart()
        else:
            self.respond(reading)
        self.finish()

    # --- Understanding ----------------------------------------------------------------------

    def respond(self, reading):
        entity = reading.entity
        conversation = self.conversation
        place = next((e for e in reading.entities if e.kind in ("ville", "region")), None)
        if place:
            conversation.ville = f"{place.kind}:{place.value}"
        interest = grounding.describes_interest(reading.normalized, reading.text)
        named_metier = entity.value if entity and entity.kind == "metier" else ""
        if named_metier and entity.candidates and interest:
            # "j'adore les données": a domain, not a métier; the search tells which fits.
            named_metier = ""
        if named_metier:
            conversation.metier = named_metier
        step = self.flows.waiting_step()
        named = entity is not None and entity.kind in ("metier", "formation")
        # A question of its own ("c'est quoi le stage de 3e ?") is answered as such, even while
        # a flow waits: only a plain answer ("en 3e") moves the flow on.
        asks_other = named or (reading.intent and reading.intent not in CONVERSATIONAL)
        if step and not asks_other and len(reading.normalized.split()) <= MAX_STEP_ANSWER_WORDS:
            if self.flows.answer_in_words(step, reading.normalized, reading.asks):
                self.turn.outcome = Outcome.FLOW
                return
        elif step and step.kind == "ask_level" and (level := detect_level(reading.normalized)):
            conversation.level = level
        if named_metier and entity.candidates:
            self.which_metier(reading.intent, [entity.value, *entity.candidates])
            return
        ask = Ask(
            normalized=reading.normalized,
            entity=entity,
            metier=named_metier or conversation.metier,
            named=bool(named_metier),
            place=self.turn.place(),
            level=conversation.level,
        )
        pending = conversation.pending_intent
        intent = reading.intent
        # "pentester" after "Pour quel métier ?" answers that question.
        if named_metier and pending and len(reading.normalized.split()) <= 3:
            self.answer(pending, ask)
        elif intents.faq_slug(intent) and reading.confidence >= SURE:
            self.answer_faq(intents.faq_slug(intent), ask)
        elif intent in CONVERSATIONAL and reading.confidence >= SURE:
            self.answer(intent, ask)
        elif not named_metier and interest:
            self.ground_interest(reading) or self.answer_or_search(reading, ask)
        else:
            self.answer_or_search(reading, ask)

    def answer_or_search(self, reading, ask):
        intent = reading.intent
        if intent and (slug := intents.faq_slug(intent)):
            self.answer_faq(slug, ask)
        elif intent:
            self.answer(intent, ask)
        elif ask.named and (faq := self.fiche_faq(ask)):
            self.turn.add(faq)
        elif ask.named:
            self.answer("c_est_quoi", ask)
        elif not (self.ground_question(reading.normalized) or self.suggest(reading)):
            self.not_understood()

    def fiche_faq(self, ask):
        page = answers.metier(ask.metier)
        return answers.faq_answer(page, ask.normalized) if page else None

    def ground_interest(self, reading):
        """Métiers the search connects to what the student likes, each with why."""
        found = grounding.ground(reading.normalized, ("metier",))
        if not found:
            return False
        self.turn.outcome = Outcome.SEARCHED
        self.turn.intent = self.turn.intent if reading.intent in CONVERSATIONAL else ""
        self.turn.say(
            "\n".join(
                ["D'après ce que tu me dis, ces métiers pourraient te plaire :"]
                + [f"• {grounding.why(hit)}" for hit in found]
            ),
            cards=[hit.card() for hit in found],
            quick_replies=[HELP_REPLIES[1]],
        )
        return True

    def ground_question(self, normalized, subject=""):
        """A question no intent or fiche answers: a question fréquente first, then the site."""
        for faq in grounding.ground(normalized, ("faq",), limit=1):
            self.turn.outcome = Outcome.SEARCHED
            self.answer_faq(faq.slug, Ask(normalized=normalized))
            return True
        found = grounding.ground(normalized, ("metier", "formation", "page"))
        if not found:
            return False
        self.turn.outcome = Outcome.SEARCHED
        intro = (
            f"Je n'ai pas de fiche qui réponde exactement à « {subject} », mais voici ce que "
            "j'ai trouvé :"
            if subject
            else "Je n'ai pas de réponse toute faite, mais voici ce que le site dit à ce sujet :"
        )
        self.turn.say(intro, cards=[hit.card() for hit in found])
        return True

    def suggest(self, reading):
        """Offer the likeliest intents as choices, when the classifier half understood."""
        prediction = reading.prediction
        options = [
            intent
            for intent, probability in (prediction.ranking if prediction else ())
            if probability >= intents.SUGGESTION_FLOOR
            and intent not in UNSUGGESTED
            and not intents.faq_slug(intent)
        ]
        labels = dict(
            Intent.objects.filter(slug__in=options, active=True).values_list("slug", "label")
        )
        options = [intent for intent in options if intent in labels]
        if not options:
            return False
        self.turn.outcome = Outcome.LOW_CONFIDENCE
        self.turn.say(
            "Je ne suis pas sûr d'avoir bien compris. Tu veux parler de :",
            quick_replies=[
                *({"label": labels[intent], "value": f"intention:{intent}"} for intent in options),
                *HELP_REPLIES,
            ],
        )
        return True

    def not_understood(self):
        """Say so, and offer the waiting step's answers, the search, the test and a person."""
        self.turn.outcome = Outcome.UNANSWERED
        self.turn.say(NOT_UNDERSTOOD, quick_replies=[*self.flows.waiting_replies(), *HELP_REPLIES])

    def which_metier(self, intent, slugs):
        pending = intent if intent in handlers.METIER_INTENTS else None
        self.conversation.pending_intent = (
            pending or self.conversation.pending_intent or "c_est_quoi"
        )
        self.turn.outcome = Outcome.LOW_CONFIDENCE
        self.turn.say("Tu penses à quel métier ?", quick_replies=metier_replies(slugs))

    def take_care(self, concern):
        """Distress gets the helplines and nothing else; an insult, a calm word."""
        self.turn.outcome = Outcome.SAFETY
        if not concern.distress:
            self.turn.intent = safety.INSULT
            self.turn.say(
                safety.CALM_REPLY, quick_replies=self.flows.waiting_replies() or MENU_REPLIES
            )
            return
        self.turn.intent = f"detresse:{concern.category}"
        for line in safety.care(concern.category):
            self.turn.say(line)

    # --- Intents ----------------------------------------------------------------------------

    def answer(self, slug, ask):
        intent = Intent.objects.filter(slug=slug, active=True).select_related("page").first()
        if intent is None:
            self.not_understood()
            return
        self.turn.intent = slug
        self.conversation.pending_intent = ""
        if slug == "insulte":
            self.turn.outcome = Outcome.SAFETY
        if slug == "niveau_scolaire" and (level := detect_level(ask.normalized)):
            self.conversation.level = level
        flow = intent.flows.filter(active=True).first()
        if flow is not None:
            self.turn.outcome = Outcome.FLOW
            self.flows.run(flow)
            return
        handler = handlers.HANDLERS.get(slug)
        reply = handler(ask) if handler else None
        if reply is None and intent.answer:
            reply = answers.Reply(
                intent.answer, cards=[answers.page_card(intent.page)] if intent.page else []
            )
        if reply is None and slug in handlers.METIER_INTENTS and not ask.metier:
            self.ask_metier(slug)
            return
        if (
            reply is None
            and slug == "c_est_quoi"
            and self.ground_question(ask.normalized, ask.subject())
        ):
            return
        if reply is None:
            self.not_understood()
            return
        if slug == "bonjour" and not self.flows.waiting_step():
            reply.quick_replies = MENU_REPLIES
        self.turn.add(reply)

    def answer_faq(self, slug, ask):
        question = answers.question_frequente(slug)
        if question is None:
            self.not_understood()
            return
        self.turn.intent = intents.faq_label(slug)
        self.conversation.pending_intent = ""
        reply = handlers.faq(question, ask)
        reply.quick_replies = reply.quick_replies or [HELP_REPLIES[0], HELP_REPLIES[1]]
        self.turn.add(reply)

    def ask_metier(self, slug):
        self.conversation.pending_intent = slug
        self.turn.say(
            "Pour quel métier ? Écris-moi son nom, par exemple « développeur web » ou "
            "« pentester ».",
            quick_replies=metier_replies(self.conversation.metiers_seen[-4:]),
        )

    # --- Actions ----------------------------------------------------------------------------

    def action(self, name):
        if name == "recommencer":
            self.restart()
        elif name in ("test", "carte"):
            self.turn.say(
                "Le test d'orientation te propose des métiers qui collent à tes goûts."
                if name == "test"
                else "Sur la carte, tu trouves les établissements qui forment au numérique.",
                cards=[answers.link_card(name)],
            )
        elif name == "recherche":
            self.search_last_question()
        elif name == "contact":
            card = answers.contact_card()
            self.turn.say(
                "Tu peux écrire à l'équipe de Talents du Numérique : une personne de "
                "l'association te répondra. N'écris pas d'informations personnelles.",
                cards=[card] if card else [],
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
            self.turn.say(
                "Voici ce que j'ai trouvé sur le site :",
                cards=[*cards, answers.link_card("recherche", query)],
            )
        else:
            self.turn.say(
                "Je n'ai rien trouvé sur le site pour ça. L'équipe de Talents du Numérique "
                "peut sûrement t'aider :",
                cards=[card for card in [answers.contact_card()] if card],
            )

    def restart(self):
        conversation = self.conversation
        conversation.level = ""
        conversation.interests = []
        conversation.metiers_seen = []
        conversation.ville = ""
        conversation.metier = ""
        conversation.pending_intent = ""
        self.flows.stop()
        flow = Flow.objects.filter(welcome=True, active=True).first()
        if flow is not None:
            self.flows.run(flow)
        else:
            self.turn.say("On repart de zéro ! Pose-moi ta question.", quick_replies=MENU_REPLIES)

    def lost(self):
        """A choice whose step an editor removed meanwhile: start again rather than guess."""
        self.flows.stop()
        self.turn.say("Oups, je me suis un peu perdu. On reprend ?", quick_replies=END_REPLIES)

    def finish(self):
        """Offer the waiting step's replies again when the last message offers none."""
        replies = self.turn.replies
        if replies and not replies[-1].quick_replies and self.turn.outcome != Outcome.SAFETY:
            replies[-1].quick_replies = self.flows.waiting_replies()
        self.conversation.replies = replies[-1].quick_replies if replies else []


def metier_replies(slugs):
    titles = dict(MetierPage.objects.live().filter(slug__in=slugs).values_list("slug", "title"))
    return [{"label": titles[slug], "value": f"metier:{slug}"} for slug in slugs if slug in titles]
