"""The club's logo file (admin's « Paramètres du site »): SVG or image, checked before it is kept.

The site only ever shows the logo through an <img> (never inlined into the page), so a script in an SVG could
not run in the page; the uploaded SVG is refused all the same when it holds anything active (scripts, event
attributes, foreign HTML, links to other files), because a visitor may open the file itself; nginx also serves
media with a CSP allowing no script (deploy/nginx/site-ess.conf).
"""

import re

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from django.core.exceptions import ValidationError
from PIL import Image as PILImage

LOGO_EXTENSIONS = ("svg", "png", "jpg", "jpeg", "webp")
LOGO_MAX_BYTES = 1024 * 1024
LOGO_MAX_PIXELS = 16_000_000
SVG_NS = "{http://www.w3.org/2000/svg}"
# Elements that run code, embed other documents or HTML, or change links once loaded.
FORBIDDEN_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener", "set", "animate"}
# Embedded raster images are allowed in an SVG (logos exported from drawing programs hold them).
SAFE_DATA_URL = re.compile(r"^data:image/(png|jpeg|gif|webp);base64,", re.IGNORECASE)
NUMBER = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(px)?\s*$")

UNSAFE_SVG = (
    "Ce fichier SVG contient {what}, ce que le site refuse pour la sécurité des visiteurs. Enregistrez-le de "
    "nouveau en « SVG simple » ou « SVG optimisé » depuis votre logiciel de dessin, ou envoyez le logo en PNG."
)


def _local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _unsafe_reference(value: str) -> bool:
    value = re.sub(r"\s", "", value).lower()
    return not (value.startswith("#") or SAFE_DATA_URL.match(value) or value == "")


def _unsafe_css(text: str) -> bool:
    text = re.sub(r"\s", "", text).lower()
    if "@import" in text or "javascript:" in text or "expression(" in text:
        return True
    return any(_unsafe_reference(target.strip("'\"")) for target in re.findall(r"url\(([^)]*)\)", text))


def check_svg(content: bytes) -> tuple[float, float]:
    """Refuses an SVG that is not plain drawing; returns its proportions (width, height)."""
    try:
        root = ElementTree.fromstring(content)
    except DefusedXmlException:
        raise ValidationError(UNSAFE_SVG.format(what="des entités ou une déclaration de type")) from None
    except ElementTree.ParseError:
        raise ValidationError(
            "Ce fichier n'est pas un SVG lisible (fichier abîmé ou d'un autre format) : enregistrez-le de nouveau "
            "depuis votre logiciel de dessin, ou envoyez le logo en PNG."
        ) from None
    if root.tag != f"{SVG_NS}svg":
        raise ValidationError("Ce fichier n'est pas une image SVG : envoyez un fichier .svg, .png, .jpg ou .webp.")
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = _local_name(element.tag)
        if name in FORBIDDEN_ELEMENTS or element.tag.startswith("{http://www.w3.org/1999/xhtml}"):
            raise ValidationError(UNSAFE_SVG.format(what=f"un élément actif (<{name}>)"))
        if name == "style" and _unsafe_css(element.text or ""):
            raise ValidationError(UNSAFE_SVG.format(what="une feuille de style qui charge d'autres fichiers"))
        for attribute, value in element.attrib.items():
            attribute_name = _local_name(attribute)
            if attribute_name.startswith("on"):
                raise ValidationError(UNSAFE_SVG.format(what=f"un script (attribut {attribute_name})"))
            if attribute_name == "href" and _unsafe_reference(value):
                raise ValidationError(UNSAFE_SVG.format(what="un lien vers un autre fichier ou une autre page"))
            if attribute_name == "style" and _unsafe_css(value):
                raise ValidationError(UNSAFE_SVG.format(what="un style qui charge d'autres fichiers"))
            if "javascript:" in re.sub(r"\s", "", value).lower():
                raise ValidationError(UNSAFE_SVG.format(what="un script (javascript:)"))
    return svg_size(root)


def svg_size(root) -> tuple[float, float]:
    view_box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(view_box) == 4:
        try:
            width, height = float(view_box[2]), float(view_box[3])
        except ValueError:
            width = height = 0
        if width > 0 and height > 0:
            return width, height
    width, height = NUMBER.match(root.get("width") or ""), NUMBER.match(root.get("height") or "")
    if width and height and float(width.group(1)) > 0 and float(height.group(1)) > 0:
        return float(width.group(1)), float(height.group(1))
    raise ValidationError(
        "Ce SVG n'indique pas ses proportions (attribut viewBox, ou largeur et hauteur en pixels) : enregistrez-le "
        "de nouveau depuis votre logiciel de dessin, ou envoyez le logo en PNG."
    )


def check_raster(file) -> tuple[int, int]:
    file.seek(0)
    try:
        with PILImage.open(file) as image:
            width, height = image.size
            if width * height > LOGO_MAX_PIXELS:
                raise ValidationError(
                    "Cette image est trop grande : 1000 pixels de large suffisent pour un logo. Réduisez-la avec "
                    "votre logiciel photo, puis réessayez."
                )
            image.verify()
    except ValidationError:
        raise
    except Exception as error:  # noqa: BLE001 - any decoder error (or a bomb) means a file we refuse
        raise ValidationError(
            "Ce fichier image est abîmé ou n'est pas une image : ouvrez-le avec votre logiciel photo, enregistrez-le "
            "de nouveau en PNG, puis réessayez."
        ) from error
    finally:
        file.seek(0)
    return width, height


def check_logo(file) -> tuple[float, float]:
    """Checks an uploaded logo (size, format, safety); returns its proportions (width, height)."""
    extension = file.name.rsplit(".", 1)[-1].lower() if "." in file.name else ""
    if extension not in LOGO_EXTENSIONS:
        raise ValidationError("Le logo doit être un fichier SVG, PNG, JPEG ou WebP (.svg, .png, .jpg, .webp).")
    if file.size > LOGO_MAX_BYTES:
        raise ValidationError(
            "Ce fichier est trop lourd pour un logo (1 Mo au plus) : enregistrez-le en SVG ou réduisez l'image."
        )
    if extension == "svg":
        file.seek(0)
        content = file.read()
        file.seek(0)
        return check_svg(content)
    return check_raster(file)
