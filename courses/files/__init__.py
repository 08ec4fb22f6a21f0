"""Protected files: which pages use which images and documents, who may fetch them, and
the one view that serves everything under MEDIA_URL after checking.

Rule: a file goes to someone who may see a page using it (live content), who may edit a
page whose draft or revision uses it, or who manages it in the admin (its uploader, or
an editor with *change* permission on its collection). A file no page uses is private.
A file is *public* (cacheable by anyone) only when every page using it is live and open
to visitors.
"""
