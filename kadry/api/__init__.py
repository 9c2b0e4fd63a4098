"""The API assembly (Django Ninja): authentication, error answers and the routers of the apps."""
