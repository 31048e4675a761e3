"""Spoken audio shared by every spoken edition: joining clips, mastering, tagging.

``spoken.produce`` turns an article's spoken script into one mastered,
tagged file (MP3 or M4B) and its timeline; the audio edition copies that
file, and the narrated EPUB carries the very same bytes.
"""
