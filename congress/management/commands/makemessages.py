"""Django's makemessages, also reading `N_(...)`: the services mark history notes with
`gettext_noop as N_`, which xgettext does not know as a keyword by itself."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=N_"]
