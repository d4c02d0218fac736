"""A sample press release and the newsroom built around it, for a local demo."""
