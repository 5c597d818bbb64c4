"""Build pipeline for the paper-summary site: content/*.yaml in, Markdown pages and data files out.

Stages, each a module: load (YAML → raw records) → validate (records → problems) → enrich (records →
corpus with derived tables) → render (corpus → text) → write (text → files, only when changed).
"""
