"""Sphinx configuration of the published report (read by :mod:`research_lib.publish.site.engine`).

The stack QuantEcon's lectures use: Sphinx, MyST-NB (notebooks and MyST markdown) and
sphinx-book-theme. Notebooks are rendered from their committed outputs, never re-executed.
Values that depend on the checkout (the repository URL for the launch and repository buttons, the
paths of the static files) are passed in by the engine as overrides.
"""

project = "Macro-markets research lab"
author = "Macro-markets research lab"
copyright = "the authors; data from their public sources"
html_title = project

extensions = ["myst_nb", "sphinx.ext.mathjax"]
root_doc = "index"
exclude_patterns = ["_build", "**.ipynb_checkpoints"]

# notebooks: committed outputs only
nb_execution_mode = "off"
nb_merge_streams = True
nb_code_prompt_show = "Show code cell {type}"
nb_code_prompt_hide = "Hide code cell {type}"

# MyST: $...$ maths that is not a price ("$100bn" stays text), heading anchors, [text]{.class}
myst_enable_extensions = ["dollarmath", "amsmath", "attrs_inline"]
myst_dmath_allow_digits = False
myst_dmath_allow_space = False
myst_heading_anchors = 3

# notebooks jump from a level-1 title to level-3 sections; their text/markdown outputs are not documents
# a second build in the same process (benchmarks, tests) finds docutils' directives, roles and nodes
# already registered by the first: harmless, not a problem of the site
suppress_warnings = ["myst.header", "mystnb.unknown_mime_type", "misc.highlighting_failure",
                     "app.add_node", "app.add_directive", "app.add_role"]

# record text and numbers are shown exactly as written (no curly quotes or dashes substituted)
smartquotes = False

html_theme = "sphinx_book_theme"
html_static_path = []          # set by the engine: the site's CSS and the offline MathJax bundle
html_css_files = ["site.css"]
mathjax_path = "mathjax/tex-chtml.js"   # relative to _static: served by the site itself, no CDN
html_copy_source = True        # the download button offers the notebook
html_show_sourcelink = False
html_last_updated_fmt = None
html_permalinks_icon = "#"
html_theme_options = {
    "home_page_in_toc": True,
    "show_toc_level": 2,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "navigation_with_keys": False,
    "path_to_docs": "",
    "repository_branch": "main",
}
