package epub

import (
	"strings"

	"github.com/offprint/offprint/fonts"
)

// bodyFaces are the faces --epub-fonts embeds: the PDF's body type in its
// four styles. They go in whole (nothing here can subset a TrueType font):
// about 2.5 MB, 1.3 MB deflated; hence off by default, and readers keep
// their own font choice.
var bodyFaces = []struct {
	face          fonts.Face
	weight, style string
}{
	{fonts.SerifRegular, "normal", "normal"},
	{fonts.SerifItalic, "normal", "italic"},
	{fonts.SerifBold, "bold", "normal"},
	{fonts.SerifBoldItalic, "bold", "italic"},
}

// embedFonts adds the body faces to the manifest and returns the
// @font-face rules that put them first in the body's font stack.
func (b *book) embedFonts() (string, error) {
	var css strings.Builder
	for i, f := range bodyFaces {
		data, err := fonts.Bytes(f.face)
		if err != nil {
			return "", err
		}
		href := "fonts/" + string(f.face)
		b.items = append(b.items, item{id: "font" + string(rune('1'+i)), href: href, mediaType: "font/ttf", data: data})
		css.WriteString(`@font-face{font-family:"offprint serif";font-weight:` + f.weight + `;font-style:` + f.style + `;src:url(` + href + `)}`)
	}
	css.WriteString(`body{font-family:"offprint serif",serif}` + "\n")
	return css.String(), nil
}
