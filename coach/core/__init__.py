"""The pure core: data in, data out. No Textual, Rich or Typer, and nothing printed."""
