from .models import HomePage

ORDER = 30

BODY = (
    "<h2>Hva er Samspill?</h2>"
    "<p>Kulturskolelærere jobber ofte alene eller mellom flere undervisningssteder. "
    "Samspill er stedet der dere deler undervisningsopplegg og digitale verktøy, "
    "snakker sammen mellom samlingene og følger samlingene live, enten dere sitter i salen "
    "eller er med digitalt.</p>"
)


def seed(context: dict) -> None:
    home = HomePage.objects.filter(depth=2).first()  # the original, not a translation
    home.title = "Velkommen til Samspill"
    home.body = BODY
    home.save_revision().publish()
    context["home"] = home.specific
