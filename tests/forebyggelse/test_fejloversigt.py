import re

from django import forms
from django.template import Context, Template


class Formular(forms.Form):
    navn = forms.CharField()


def test_two_error_summaries_on_one_page_have_their_own_heading_ids():
    html = Template("{% load dkfds %}{% fejloversigt a %}{% fejloversigt b %}{% fejloversigt c %}").render(
        Context({"a": Formular({}), "b": Formular({"navn": "x"}), "c": Formular({})})
    )
    ids = re.findall(r'<h2 class="alert-heading" id="([^"]+)"', html)
    assert ids == ["fejloversigt-overskrift", "fejloversigt-overskrift-2"]
    assert re.findall(r'aria-labelledby="([^"]+)"', html) == ids
