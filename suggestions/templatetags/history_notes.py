"""`{{ e.note|history_note }}`: a suggestion's history note in the reader's language."""

from django import template

from suggestions.services.steps import note_in_reader_language

register = template.Library()
register.filter("history_note", note_in_reader_language)
