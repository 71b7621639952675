"""The site's shell in the admin: who sees form submissions."""

from wagtail import hooks


@hooks.register("filter_form_submissions_for_user")
def only_moderators_read_form_submissions(user, editable_forms):
    """Submissions hold people's personal data: editing a form page is not enough to read them."""
    if user.has_perm("wagtailforms.view_formsubmission"):
        return editable_forms
    return editable_forms.none()
