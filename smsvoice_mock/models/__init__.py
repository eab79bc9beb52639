"""Plain dataclass models of the service's resources; the documented rules live on them."""
