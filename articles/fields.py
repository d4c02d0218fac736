from django_prose_editor.fields import ProseEditorField


class RichTextField(ProseEditorField):
    """Rich text sanitised by its editor's allowlist on every save, whatever the way in."""

    def pre_save(self, model_instance, add):
        value = self.sanitize(getattr(model_instance, self.attname) or "")
        setattr(model_instance, self.attname, value)
        return value
