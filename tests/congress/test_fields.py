from django import forms
from django.template import Context, Template

from congress.models import Organisation


class Example(forms.Form):
    colour = forms.ChoiceField(choices=[("", "—"), ("red", "红<色>"), ("blue", "蓝")], required=False)
    size = forms.ChoiceField(choices=[("s", "小"), ("m", "中")])
    note = forms.CharField()


def render(form: forms.Form, name: str) -> str:
    return Template("{% load fields %}{{ field|fast }}").render(Context({"field": form[name]}))


def test_a_fast_select_matches_what_django_would_submit():
    form = Example(data={"colour": "red", "size": "m"})
    html = render(form, "colour")
    assert html.startswith('<select id="id_colour" name="colour">')
    assert '<option value="red" selected>红&lt;色&gt;</option>' in html
    assert '<option value="blue">' in html
    for name in ("colour", "size"):
        assert ("required" in render(form, name)) == ("required" in str(form[name]))


def test_other_widgets_render_as_django_renders_them():
    form = Example()
    assert render(form, "note") == str(form["note"])


def test_model_choices_render_their_primary_keys(db):
    unit = Organisation.objects.create(name="省教育厅", kind="government")

    class Pick(forms.Form):
        unit = forms.ModelChoiceField(queryset=Organisation.objects.all())

    html = render(Pick(data={"unit": str(unit.pk)}), "unit")
    assert f'<option value="{unit.pk}" selected>省教育厅</option>' in html
