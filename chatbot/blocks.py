"""The steps editors assemble into a conversation flow, one block per kind of step.

Every step has a key (its name inside the flow) and, unless it waits for the student, the key
of the step that follows; an empty "next" ends the flow. The flow's first step is its start.
In the admin, "next" is chosen among the flow's steps (static/chatbot/admin/flow-steps.js reads
the fields marked with `STEP_ATTR`); without JavaScript it stays a text field.
"""

from wagtail import blocks

from cms.metiers.riasec import DIMENSIONS, LABELS

RIASEC_CHOICES = [(letter, f"{letter} — {LABELS[letter]}") for letter in DIMENSIONS]
LINK_TARGETS = [
    ("test", "Le test d'orientation"),
    ("recherche", "La recherche"),
    ("carte", "La carte des établissements"),
    ("page", "Une page du site"),
]


STEP_ATTR = "data-charly-step"


def key_block():
    return blocks.CharBlock(
        label="Nom de l'étape",
        max_length=50,
        help_text="Court et unique dans ce parcours, sans espace (ex. « niveau », "
        "« metiers »). Les autres étapes y renvoient par ce nom.",
        form_attrs={STEP_ATTR: "key"},
    )


def next_block(
    help_text="L'étape qui suit, parmi celles du parcours. « Fin du parcours » : "
    "le parcours s'arrête ici.",
):
    return blocks.CharBlock(
        label="Étape suivante",
        max_length=50,
        required=False,
        help_text=help_text,
        form_attrs={STEP_ATTR: "next"},
    )


def text_block(label="Texte de Charly", required=True):
    return blocks.TextBlock(label=label, required=required, max_length=600)


class ReplyBlock(blocks.StructBlock):
    label = blocks.CharBlock(label="Réponse proposée", max_length=60)
    next = next_block(help_text="L'étape où mène cette réponse. « Fin du parcours » : rien après.")

    class Meta:
        label = "Réponse"


class InterestBlock(blocks.StructBlock):
    label = blocks.CharBlock(label="Centre d'intérêt", max_length=60)
    dimension = blocks.ChoiceBlock(label="Dimension RIASEC principale", choices=RIASEC_CHOICES)
    second_dimension = blocks.ChoiceBlock(
        label="Dimension secondaire", choices=RIASEC_CHOICES, required=False
    )
    keywords = blocks.CharBlock(
        label="Mots-clés",
        max_length=300,
        required=False,
        help_text="Séparés par des virgules : ce que les élèves écrivent pour ce goût "
        "(dessin, dessiner, graphisme…).",
    )

    class Meta:
        label = "Centre d'intérêt"


class StepBlock(blocks.StructBlock):
    """What every step has: its name in the flow, and what Charly says."""

    key = key_block()
    text = text_block()


class ChainedStepBlock(StepBlock):
    """A step followed by another (or by the end of the flow)."""

    next = next_block()


class MessageNode(ChainedStepBlock):
    class Meta:
        label = "Message"
        icon = "comment"


class QuestionNode(StepBlock):
    text = text_block("Question")
    replies = blocks.ListBlock(ReplyBlock(), label="Réponses proposées", min_num=1, max_num=8)

    class Meta:
        label = "Question avec réponses"
        icon = "help"


class AskLevelNode(ChainedStepBlock):
    text = text_block("Question")

    class Meta:
        label = "Demander le niveau (collège, lycée, études, reconversion)"
        icon = "user"


class AskInterestsNode(ChainedStepBlock):
    text = text_block("Question")
    interests = blocks.ListBlock(
        InterestBlock(), label="Centres d'intérêt proposés", min_num=2, max_num=8
    )

    class Meta:
        label = "Demander les centres d'intérêt"
        icon = "pick"


class RecommendNode(ChainedStepBlock):
    text = text_block("Introduction")
    count = blocks.IntegerBlock(label="Nombre de métiers", min_value=1, max_value=5, default=3)

    class Meta:
        label = "Recommander des métiers (selon les centres d'intérêt)"
        icon = "list-ul"


class MetierCardNode(ChainedStepBlock):
    text = text_block("Introduction", required=False)
    metier = blocks.PageChooserBlock(label="Métier", page_type="metiers.MetierPage")

    class Meta:
        label = "Montrer un métier"
        icon = "doc-full"


class FormationsNode(ChainedStepBlock):
    text = text_block("Introduction", required=False)
    metier = blocks.PageChooserBlock(
        label="Métier",
        page_type="metiers.MetierPage",
        required=False,
        help_text="Vide : le dernier métier dont l'élève a parlé.",
    )

    class Meta:
        label = "Montrer les formations d'un métier (près de la ville de l'élève)"
        icon = "tag"


class LinkNode(ChainedStepBlock):
    target = blocks.ChoiceBlock(label="Lien vers", choices=LINK_TARGETS)
    page = blocks.PageChooserBlock(label="Page", required=False)

    class Meta:
        label = "Lien vers le test, la recherche, la carte ou une page"
        icon = "link"


class HandoffNode(StepBlock):
    class Meta:
        label = "Passer le relais à l'équipe (contact humain)"
        icon = "mail"


class FlowBlock(blocks.StreamBlock):
    message = MessageNode()
    question = QuestionNode()
    ask_level = AskLevelNode()
    ask_interests = AskInterestsNode()
    recommend_metiers = RecommendNode()
    metier_card = MetierCardNode()
    formations = FormationsNode()
    link = LinkNode()
    handoff = HandoffNode()
