"""Pages of the motion workflow, for every role, one module per part of the site: the lists,
filing, a motion's page and the actions posted from it, its files, the review committee's
workspace and report, and the public pages. Thin: forms parse, services decide, the table
says which buttons a page shows, and `congress.pages.refusals` answers every refusal."""
