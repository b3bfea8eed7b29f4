"""gRPC service definitions: AdminService, DataProxyService, SignalService, auth, identity, agents."""
