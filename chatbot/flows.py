"""The shape of a conversation flow: its steps, where each leads, and what makes a flow broken.

These are pure functions on the steps as plain data (kind, dict), so that the admin's validation
and the conversation engine read a flow the same way.
"""

import re
from dataclasses import dataclass

WAITING_KINDS = frozenset({"question", "ask_level", "ask_interests"})
KEY = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass(frozen=True)
class Step:
    kind: str
    key: str
    value: dict

    @property
    def waits(self):
        return self.kind in WAITING_KINDS

    def exits(self):
        """The keys this step may lead to; "" ends the flow."""
        if self.kind == "question":
            return [(reply.get("next") or "").strip() for reply in self.value.get("replies", [])]
        if self.kind == "handoff":
            return [""]
        return [(self.value.get("next") or "").strip()]


def steps_of(stream_value):
    """The steps of a StreamField value (or of raw (kind, dict) pairs), in order."""
    steps = []
    for item in stream_value:
        kind, value = (item.block_type, item.value) if hasattr(item, "block_type") else item
        value = dict(value)
        if kind == "question":
            value["replies"] = [dict(reply) for reply in value.get("replies", [])]
        steps.append(Step(kind, (value.get("key") or "").strip(), value))
    return steps


def problems(steps):
    """What makes this flow unusable, in words an editor understands; empty when it is sound."""
    if not steps:
        return [
            "Ce parcours n'a pas d'étape de départ : ajoute au moins une étape "
            "(la première de la liste est le départ)."
        ]
    found = []
    keys = {}
    for position, step in enumerate(steps, start=1):
        if not KEY.match(step.key):
            found.append(
                f"L'étape n° {position} a un nom invalide (« {step.key} ») : utilise des "
                "minuscules sans accent, des chiffres, « - » ou « _ », sans espace."
            )
        elif step.key in keys:
            found.append(f"Deux étapes s'appellent « {step.key} » : chaque nom doit être unique.")
        else:
            keys[step.key] = step
    for step in steps:
        found.extend(_dangling(step, keys))
        if step.kind == "question":
            labels = [reply.get("label", "").strip().lower() for reply in step.value["replies"]]
            for label in sorted({label for label in labels if labels.count(label) > 1}):
                found.append(f"La question « {step.key} » propose deux fois « {label} ».")
    if found:
        return found
    return _loops(steps, keys)


def _dangling(step, keys):
    if step.kind == "question":
        return [
            f"La réponse « {reply.get('label', '')} » de l'étape « {step.key} » renvoie vers "
            f"« {target} », qui n'existe pas dans ce parcours."
            for reply in step.value["replies"]
            if (target := (reply.get("next") or "").strip()) and target not in keys
        ]
    return [
        f"L'étape « {step.key} » renvoie vers « {target} », qui n'existe pas dans ce parcours."
        for target in step.exits()
        if target and target not in keys
    ]


def _loops(steps, keys):
    found = []
    cycle = _silent_cycle(steps, keys)
    if cycle:
        path = " → ".join(f"« {key} »" for key in [*cycle, cycle[0]])
        found.append(
            f"Les étapes {path} tournent en rond sans jamais attendre l'élève : Charly "
            "répéterait ces messages à l'infini. Fais passer la boucle par une question."
        )
    reachable = _reachable(steps[0].key, keys)
    can_end = _can_end(keys)
    trapped = [step.key for step in steps if step.key in reachable and step.key not in can_end]
    if trapped:
        names = ", ".join(f"« {key} »" for key in trapped)
        found.append(
            f"Les étapes {names} forment une boucle sans sortie : aucun chemin ne mène à la "
            "fin du parcours. Ajoute une réponse ou une étape qui en sort."
        )
    return found


def _reachable(start, keys):
    seen, todo = set(), [start]
    while todo:
        key = todo.pop()
        if key in seen:
            continue
        seen.add(key)
        todo.extend(target for target in keys[key].exits() if target)
    return seen


def _can_end(keys):
    """The steps from which some path reaches the end of the flow."""
    ending = {key for key, step in keys.items() if "" in step.exits()}
    changed = True
    while changed:
        changed = False
        for key, step in keys.items():
            if key not in ending and any(target in ending for target in step.exits()):
                ending.add(key)
                changed = True
    return ending


def _silent_cycle(steps, keys):
    """A cycle of steps that never wait for the student, as a list of keys, or None."""
    state = {}

    def visit(key, path):
        state[key] = "open"
        path.append(key)
        step = keys[key]
        if not step.waits:
            for target in step.exits():
                if not target or keys[target].waits:
                    continue
                if state.get(target) == "open":
                    return path[path.index(target) :]
                if target not in state and (cycle := visit(target, path)):
                    return cycle
        path.pop()
        state[key] = "done"
        return None

    for step in steps:
        if step.key not in state and (cycle := visit(step.key, [])):
            return cycle
    return None
