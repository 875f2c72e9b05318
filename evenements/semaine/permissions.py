"""Who may manage which events in the admin.

Editors holding `semaine.manage_all_evenements` manage every event; an organiser's account
(a member establishment, a federation, a company) holds the ordinary event permissions and
reaches only the events it is named on (`Evenement.organisateurs`).
"""

from wagtail.permission_policies import ModelPermissionPolicy

from .models import Evenement

MANAGE_ALL = "semaine.manage_all_evenements"


def manages_all(user):
    return user.has_perm(MANAGE_ALL)


def may_manage(user, evenement):
    return manages_all(user) or evenement.organisateurs.filter(pk=user.pk).exists()


class EvenementPermissionPolicy(ModelPermissionPolicy):
    """The model's permissions, narrowed to the organiser's own events."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and may_manage(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and may_manage(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return Evenement.objects.none()
        return Evenement.objects.for_organisateur(user)
