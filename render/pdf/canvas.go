package pdf

import (
	"bytes"
	"strings"
	"unicode/utf16"

	"codeberg.org/go-pdf/fpdf"

	"github.com/offprint/offprint/render/printlayout"
)

type rgb = printlayout.RGB

// canvas is printlayout's Canvas on fpdf. It remembers the graphics state
// it set, so the content stream does not repeat itself.
type canvas struct {
	f      *fpdf.Fpdf
	tf     *typeface
	links  []int // fpdf's link for each of the layout's
	images []printlayout.Image
	text   rgb
	draw   rgb
	fill   rgb
	width  float64
}

func newCanvas(f *fpdf.Fpdf, tf *typeface, bk *printlayout.Book) *canvas {
	c := &canvas{f: f, tf: tf, images: bk.Images, width: -1}
	c.text, c.draw, c.fill = black, black, black
	for range bk.Links {
		c.links = append(c.links, f.AddLink())
	}
	return c
}

var black rgb // the zero colour

// registerImages hands the layout's pictures to fpdf, in order.
func (c *canvas) registerImages() error {
	for _, img := range c.images {
		c.f.RegisterImageOptionsReader(img.Name, fpdf.ImageOptions{ImageType: img.Kind}, bytes.NewReader(img.Data))
		if err := c.f.Error(); err != nil {
			return err
		}
	}
	return nil
}

func (c *canvas) AddPage() { c.f.AddPage() }

func (c *canvas) Text(x, y float64, text string, fc printlayout.Face, size float64, col rgb, actual string) {
	if err := c.tf.use(fc, size); err != nil {
		panic(err) // bundled fonts always load; Render recovers and reports
	}
	c.setText(col)
	if actual != "" {
		c.f.RawWriteStr("/Span <</ActualText " + pdfString(actual) + ">> BDC\n")
		c.f.Text(x, y, text)
		c.f.RawWriteStr("EMC\n")
		return
	}
	c.f.Text(x, y, text)
}

func (c *canvas) setText(col rgb) {
	if col != c.text {
		c.f.SetTextColor(col.Components())
		c.text = col
	}
}

func (c *canvas) Line(x0, y0, x1, y1, width float64, col rgb) {
	if col != c.draw {
		c.f.SetDrawColor(col.Components())
		c.draw = col
	}
	if width != c.width {
		c.f.SetLineWidth(width)
		c.width = width
	}
	c.f.Line(x0, y0, x1, y1)
}

func (c *canvas) Rect(x, y, w, h float64, col rgb) {
	if col != c.fill {
		c.f.SetFillColor(col.Components())
		c.fill = col
	}
	c.f.Rect(x, y, w, h, "F")
}

func (c *canvas) Image(i int, x, y, w, h float64) {
	c.f.ImageOptions(c.images[i].Name, x, y, w, h, false, fpdf.ImageOptions{}, 0, "")
}

func (c *canvas) URILink(x, y, w, h float64, url string) { c.f.LinkString(x, y, w, h, url) }

func (c *canvas) Link(x, y, w, h float64, link int) { c.f.Link(x, y, w, h, c.links[link]) }

func (c *canvas) SetLink(link int, y float64) { c.f.SetLink(c.links[link], y, -1) }

func (c *canvas) Bookmark(title string, level int, y float64) { c.f.Bookmark(title, level, y) }

// pdfString writes s as a PDF text string: UTF-16BE with a byte-order
// mark, characters beyond the BMP as surrogate pairs (fpdf's own
// conversion drops them), delimiters escaped.
func pdfString(s string) string {
	var b strings.Builder
	b.WriteString("(\xfe\xff")
	for _, u := range utf16.Encode([]rune(s)) {
		for _, c := range []byte{byte(u >> 8), byte(u)} {
			switch c {
			case '(', ')', '\\':
				b.WriteByte('\\')
				b.WriteByte(c)
			case '\r':
				b.WriteString("\\r")
			default:
				b.WriteByte(c)
			}
		}
	}
	b.WriteByte(')')
	return b.String()
}
