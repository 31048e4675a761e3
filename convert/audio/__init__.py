"""Spoken audio shared by every spoken edition: joining clips, mastering, tagging.

``spoken.produce`` turns an article's spoken script into one master,
encoded and tagged as each file the run's editions carry (MP3, M4B or
both), with its timeline; the audio edition copies its file, and the
narrated EPUB carries the very same MP3 bytes.
"""
