"""statsd clients under flytekit's ``flytekit.interfaces.stats`` path: a scoping proxy (``client``) and
a tag-carrying one (``taggable``), both over ``flytekit.core.stats.StatsClient``."""
