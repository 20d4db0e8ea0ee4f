# The rex prelude: verbs written in rex itself, loaded before anything else.
