"""speech-archive: a static-site generator for annotated speech archives, on MkDocs.

``build.py`` is the whole build in order: ``load/`` reads and validates the archive,
``annotate/`` runs each pass over each speech, ``pages/`` renders the generated pages
and data. Only ``plugin.py``, the MkDocs plugin, imports MkDocs; ``extensions/`` are
Python-Markdown extensions, ``output/`` works on the written site and ``cli/`` is the
``speech-archive`` command.
"""
