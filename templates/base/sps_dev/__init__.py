"""Development tools for this plugin: a local stand-in for how SPS calls the hooks, and the
ZIP builder. Standard library only; never shipped in the plugin ZIP."""
