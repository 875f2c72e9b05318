"""The editors' guided conversations, played step by step.

A flow is read once per turn (`flows.steps_of`); each kind of step has one function in the
`STEPS` table. A step that waits (a question, the level, the interests) stops the run until the
student answers, by a quick reply (`choose`) or in words (`answer_in_words`).
"""

from cms.metiers.models import MetierPage
from cms.metiers.riasec import DIMENSIONS
from cms.orientation.results import rank_live_metiers

from . import answers
from .flows import steps_of
from .language import NEGATIONS, normalize, stem
from .models import Level
from .understanding import detect_level

MAX_FLOW_STEPS = 30
END_REPLIES = [{"label": "Recommencer", "value": "action:recommencer"}]
BASE_SCORE, PRIMARY_SCORE, SECONDARY_SCORE = 20, 100, 70


class FlowRunner:
    def __init__(self, turn):
        self.turn = turn
        self.read_flows = {}

    @property
    def conversation(self):
        return self.turn.conversation

    def steps(self, flow):
        if flow.pk not in self.read_flows:
            self.read_flows[flow.pk] = steps_of(flow.steps)
        return self.read_flows[flow.pk]

    def waiting_step(self):
        conversation = self.conversation
        if conversation.flow is None or not conversation.node:
            return None
        return next((s for s in self.steps(conversation.flow) if s.key == conversation.node), None)

    def waiting_replies(self):
        step = self.waiting_step()
        return step_replies(step) if step else []

    def run(self, flow, key=None):
        """Play the flow from `key` (its start by default) until a step waits or it ends."""
        steps = self.steps(flow)
        by_key = {step.key: step for step in steps}
        key = steps[0].key if key is None and steps else key
        self.conversation.flow = flow
        self.conversation.node = ""
        self.turn.flow_used = flow
        said = len(self.turn.replies)
        for _ in range(MAX_FLOW_STEPS):
            step = by_key.get(key)
            if step is None:
                break
            STEPS[step.kind](self, step)
            if step.waits:
                self.conversation.node = step.key
                return
            key = step.exits()[0]
        if len(self.turn.replies) == said:
            self.turn.say("D'accord ! Je reste là si tu as une question.")
        if not self.turn.replies[-1].quick_replies:
            self.turn.replies[-1].quick_replies = END_REPLIES

    def stop(self):
        self.conversation.flow = None
        self.conversation.node = ""

    # --- The student's answer to the waiting step -----------------------------------------

    def choose(self, step, kind, argument):
        """A quick reply chosen; False when it does not belong to the waiting step."""
        position = int(argument) if argument.isdigit() else -1
        exits = step.exits()
        if kind == "niveau" and step.kind == "ask_level" and argument in Level.values:
            self.conversation.level = argument
        elif kind == "interet" and step.kind == "ask_interests":
            interests = step.value["interests"]
            if not 0 <= position < len(interests):
                return False
            self.add_interests([interests[position]])
        elif kind == "reponse" and step.kind == "question" and 0 <= position < len(exits):
            exits = [exits[position]]
        else:
            return False
        self.run(self.conversation.flow, exits[0])
        return True

    def answer_in_words(self, step, normalized, asks):
        """Take a typed answer to the waiting step; False when the text does not answer it."""
        if step.kind == "ask_level":
            level = detect_level(normalized)
            if level is None:
                return False
            self.conversation.level = level
        elif step.kind == "ask_interests":
            # "chui nul en maths ?" names a subject, but is no answer to "what do you like".
            if asks or set(normalized.split()) & NEGATIONS:
                return False
            chosen = interests_in(normalized, step.value["interests"])
            if not chosen:
                return False
            self.add_interests(chosen)
        else:
            position = reply_in(normalized, step.value["replies"])
            if position is None:
                return False
            self.run(self.conversation.flow, step.exits()[position])
            return True
        self.run(self.conversation.flow, step.exits()[0])
        return True

    def add_interests(self, chosen):
        for interest in chosen:
            dimensions = [d for d in (interest["dimension"], interest.get("second_dimension")) if d]
            self.conversation.interests.append(
                {"label": interest["label"], "dimensions": dimensions}
            )

    # --- Steps -----------------------------------------------------------------------------

    def message(self, step):
        self.turn.say(step.value["text"], node=step.key)

    def waiting(self, step):
        self.turn.say(step.value["text"], quick_replies=step_replies(step), node=step.key)

    def recommend_metiers(self, step):
        """The best métiers for the interests the student chose, those already shown last."""
        ranked = rank_live_metiers(interest_profile(self.conversation.interests))
        seen = set(self.conversation.metiers_seen)
        fresh = [match for match in ranked if match.slug not in seen] or ranked
        chosen = fresh[: step.value.get("count") or 3]
        pages = {
            p.slug: p for p in MetierPage.objects.live().filter(slug__in=[m.slug for m in chosen])
        }
        lines = [f"• {match.title} — {match.raisons[0]}" for match in chosen]
        self.conversation.metier = ""
        self.turn.say(
            "\n".join([step.value["text"], *lines]),
            cards=[answers.page_card(pages[m.slug], "metier") for m in chosen if m.slug in pages],
            node=step.key,
        )

    def metier_card(self, step):
        page = step.value["metier"]
        page = page.specific if page else None
        if page is None or not page.live:
            return
        self.conversation.metier = page.slug
        self.turn.say(
            step.value.get("text") or f"{page.title} : {page.accroche}",
            cards=[answers.page_card(page, "metier")],
            node=step.key,
        )

    def formations(self, step):
        chosen = step.value.get("metier")
        page = answers.metier(chosen.slug if chosen else self.conversation.metier)
        if page is None:
            self.turn.say(
                "Dis-moi d'abord quel métier t'intéresse, et je te montre les formations "
                "qui y mènent.",
                node=step.key,
            )
            return
        reply = answers.studies(page, self.turn.place(), self.conversation.level)
        intro = step.value.get("text")
        text = f"{intro} {reply.text}" if intro else reply.text
        self.turn.say(text, cards=reply.cards, node=step.key)

    def link(self, step):
        target = step.value["target"]
        page = step.value.get("page")
        if target == "page":
            cards = [answers.page_card(page.specific)] if page and page.live else []
        else:
            cards = [answers.link_card(target)]
        self.turn.say(step.value["text"], cards=cards, node=step.key)

    def handoff(self, step):
        card = answers.contact_card()
        self.turn.say(step.value["text"], cards=[card] if card else [], node=step.key)


STEPS = {
    "message": FlowRunner.message,
    "question": FlowRunner.waiting,
    "ask_level": FlowRunner.waiting,
    "ask_interests": FlowRunner.waiting,
    "recommend_metiers": FlowRunner.recommend_metiers,
    "metier_card": FlowRunner.metier_card,
    "formations": FlowRunner.formations,
    "link": FlowRunner.link,
    "handoff": FlowRunner.handoff,
}


def step_replies(step):
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


def _contains(words, phrase):
    size = len(phrase)
    return size > 0 and any(words[i : i + size] == phrase for i in range(len(words) - size + 1))


def interests_in(normalized, interests):
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


def reply_in(normalized, replies):
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
