"""What every app imports: the one error vocabulary, checks of text from people and
files, the API's text fields, pages and parsers. It imports no app of Mockloop."""
