"""This archive's build: MkDocs' events bound to the speech-archive plugin, in the order they run.

The build itself is src/speech_archive/build.py (load -> annotate -> pages), wired to
these events by src/speech_archive/plugin.py. Another archive lists the plugin in its
mkdocs.yml instead (`plugins: [search, offline, speech-archive]`; `speech-archive init`).
"""

from speech_archive.plugin import SpeechArchivePlugin

_plugin = SpeechArchivePlugin()
_plugin.load_config({})

on_startup = _plugin.on_startup  # `serve` keeps a cache between rebuilds
on_config = _plugin.on_config  # a fresh state for this build
on_pre_build = _plugin.on_pre_build  # load and validate, before site/ is emptied
on_files = _plugin.on_files  # annotate, render, register every generated file with its text
on_env = _plugin.on_env  # date every page from the sources
on_page_context = _plugin.on_page_context  # section tab, speech neighbours, edit link
on_template_context = _plugin.on_template_context  # the 404 page works at any depth and from disk
on_post_page = _plugin.on_post_page  # titles Material's tooltips re-read as HTML stay text
on_post_build = _plugin.on_post_build  # search facets, the offline zip, then publish site/
on_build_error = _plugin.on_build_error  # a failed build's folder goes; site/ is untouched
on_shutdown = _plugin.on_shutdown  # the same after Ctrl-C
