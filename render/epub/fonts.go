package epub

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"github.com/offprint/offprint/fonts"
	"github.com/offprint/offprint/fonts/subset"
)

// bodyFaces are the faces --epub-fonts embeds: the PDF's body type in its
// four styles. Each goes in cut down to the characters of this book, a
// few tens of kilobytes instead of half a megabyte; still off by default,
// so readers keep their own font choice.
var bodyFaces = []struct {
	face          fonts.Face
	weight, style string
}{
	{fonts.SerifRegular, "normal", "normal"},
	{fonts.SerifItalic, "normal", "italic"},
	{fonts.SerifBold, "bold", "normal"},
	{fonts.SerifBoldItalic, "bold", "italic"},
}

// generated is what the faces carry beyond the book's own text. Printable
// ASCII, because a reading system draws some of it without it being in
// our text (list numbers, the hyphen of automatic hyphenation) and
// FreeType's auto-hinter sizes its alignment zones from letters such as
// "x", "o" and "H": without them the book's own letters would be hinted
// unlike in the full face. And the bullets and spaces of lists and
// layout. Most of it is in any Latin text already.
var generated = func() string {
	var s strings.Builder
	for c := ' '; c <= '~'; c++ {
		s.WriteRune(c)
	}
	return s.String() + "\u00a0\u2010•◦▪"
}()

// embedFonts adds the body faces to the manifest and returns the
// @font-face rules that put them first in the body's font stack. It runs
// once the XHTML documents are written: their text picks the glyphs.
func (b *book) embedFonts() (string, error) {
	text, err := b.text()
	if err != nil {
		return "", err
	}
	var css strings.Builder
	for i, f := range bodyFaces {
		full, err := fonts.Bytes(f.face)
		if err != nil {
			return "", err
		}
		// Every face gets the characters of the whole book rather than
		// those set in its style: which style a run ends up in is the
		// reading system's cascade to decide, not ours.
		data, err := subset.TrueType(full, text)
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

// text is every character the book's XHTML documents show: their text,
// and the alt text a reader shows for an image it cannot draw.
func (b *book) text() (string, error) {
	var s strings.Builder
	s.WriteString(generated)
	for _, it := range b.items {
		if it.mediaType != "application/xhtml+xml" || it.data == nil {
			continue
		}
		d := xml.NewDecoder(bytes.NewReader(it.data))
		for {
			tok, err := d.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return "", err
			}
			switch t := tok.(type) {
			case xml.CharData:
				s.Write(t)
			case xml.StartElement:
				for _, a := range t.Attr {
					if a.Name.Local == "alt" {
						s.WriteString(a.Value)
					}
				}
			}
		}
	}
	return s.String(), nil
}
