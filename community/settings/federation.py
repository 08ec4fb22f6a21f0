"""Feide and UNI-Login client settings from the environment (see community/members/federation.py)."""


def openid_connect_apps(env) -> list[dict]:
    """The configured providers, from the environment (none unless a client id is set)."""
    apps = []
    for provider_id, name, default_server in (
        ("feide", "Feide", "https://auth.dataporten.no"),
        ("unilogin", "UNI-Login", "https://broker.unilogin.dk/auth/realms/broker"),
    ):
        prefix = f"SAMSPILL_{provider_id.upper()}"
        client_id = env(f"{prefix}_CLIENT_ID", default="")
        if client_id:
            apps.append(
                {
                    "provider_id": provider_id,
                    "name": name,
                    "client_id": client_id,
                    "secret": env(f"{prefix}_SECRET", default=""),
                    "settings": {"server_url": env(f"{prefix}_SERVER_URL", default=default_server)},
                }
            )
    return apps
