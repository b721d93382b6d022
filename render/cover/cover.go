// Package cover draws a book cover from an article's title, byline and
// site or date, with the bundled fonts, so every EPUB has a thumbnail
// that names it in a reader's library.
package cover

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/offprint/offprint/fonts"
	"github.com/offprint/offprint/render"
)

// Size is the cover in pixels: the 2:3 that stores and readers expect.
const (
	Width  = 1200
	Height = 1800
)

// Info is what the cover says.
type Info struct {
	Title  string
	Byline string // "Ada Lovelace and Alan Turing"
	Footer string // the site's name, else the date
}

var (
	paper  = color.RGBA{0xf4, 0xf1, 0xea, 0xff}
	ink    = color.RGBA{0x1c, 0x1c, 0x1c, 0xff}
	accent = color.RGBA{0xa8, 0x3f, 0x26, 0xff}
	grey   = color.RGBA{0x55, 0x55, 0x55, 0xff}
)

const margin = 110

// PNG draws the cover. The same Info gives the same bytes: nothing but
// the text and the bundled fonts goes into it. Flat colours keep it to a
// few tens of kilobytes.
func PNG(in Info) ([]byte, error) {
	m := image.NewRGBA(image.Rect(0, 0, Width, Height))
	draw.Draw(m, m.Bounds(), image.NewUniform(paper), image.Point{}, draw.Src)
	// A band at the top and a rule above the footer frame the text, and
	// still read as a shape at thumbnail size.
	fill(m, image.Rect(0, 0, Width, 70), accent)

	title := strings.Join(strings.Fields(in.Title), " ")
	if title == "" {
		title = "Untitled"
	}
	width := Width - 2*margin
	// The largest size at which the title fits in at most six lines.
	var lines []string
	var face font.Face
	for size := 124.0; ; size -= 8 {
		f, err := newFace(fonts.SerifBold, size)
		if err != nil {
			return nil, err
		}
		lines = wrap(f, title, width)
		if len(lines) <= 6 || size <= 52 {
			face = f
			if len(lines) > 8 {
				lines = lines[:8]
				lines[7] += " …"
			}
			break
		}
	}
	y := 330
	lineH := face.Metrics().Height.Ceil() * 112 / 100
	for _, l := range lines {
		text(m, face, l, margin, y, ink)
		y += lineH
	}
	fill(m, image.Rect(margin, y, margin+160, y+10), accent)
	y += 110
	if by := strings.Join(strings.Fields(in.Byline), " "); by != "" {
		f, err := newFace(fonts.SerifItalic, 54)
		if err != nil {
			return nil, err
		}
		for _, l := range wrap(f, by, width) {
			text(m, f, l, margin, y, grey)
			y += f.Metrics().Height.Ceil() * 115 / 100
		}
	}
	if foot := strings.Join(strings.Fields(in.Footer), " "); foot != "" {
		f, err := newFace(fonts.SansBold, 40)
		if err != nil {
			return nil, err
		}
		fill(m, image.Rect(margin, Height-230, Width-margin, Height-226), ink)
		text(m, f, strings.ToUpper(foot), margin, Height-150, ink)
	}
	// Only blends of the paper with three colours occur (antialiased
	// edges): an 8-bit palette of them keeps the file a third the size.
	p := quantize(m, palette())
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.DefaultCompression}
	if err := enc.Encode(&buf, p); err != nil {
		return nil, fmt.Errorf("cover: %w", err)
	}
	return buf.Bytes(), nil
}

// palette is the paper blended with each ink in 32 steps.
func palette() color.Palette {
	pal := color.Palette{paper}
	for _, c := range []color.RGBA{ink, accent, grey} {
		for i := 1; i <= 32; i++ {
			mix := func(a, b uint8) uint8 { return uint8((int(a)*(32-i) + int(b)*i) / 32) }
			pal = append(pal, color.RGBA{mix(paper.R, c.R), mix(paper.G, c.G), mix(paper.B, c.B), 0xff})
		}
	}
	return pal
}

// quantize maps each pixel to its nearest palette entry. The image holds
// only a few hundred distinct colours, so remembering each one's index
// makes this a lookup per pixel instead of draw.Draw's palette search.
func quantize(m *image.RGBA, pal color.Palette) *image.Paletted {
	p := image.NewPaletted(m.Bounds(), pal)
	seen := map[uint32]uint8{}
	last, lastIdx := uint32(1<<31), uint8(0)
	for i := 0; i+3 < len(m.Pix); i += 4 {
		key := uint32(m.Pix[i])<<16 | uint32(m.Pix[i+1])<<8 | uint32(m.Pix[i+2])
		if key == last {
			// Long runs of paper or band: no lookup at all.
			p.Pix[i/4] = lastIdx
			continue
		}
		idx, ok := seen[key]
		if !ok {
			idx = uint8(pal.Index(color.RGBA{m.Pix[i], m.Pix[i+1], m.Pix[i+2], 0xff}))
			seen[key] = idx
		}
		p.Pix[i/4] = idx
		last, lastIdx = key, idx
	}
	return p
}

func fill(m *image.RGBA, r image.Rectangle, c color.Color) {
	draw.Draw(m, r, image.NewUniform(c), image.Point{}, draw.Src)
}

func newFace(f fonts.Face, size float64) (font.Face, error) {
	data, err := fonts.Bytes(f)
	if err != nil {
		return nil, err
	}
	ft, err := opentype.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("cover: %s: %w", f, err)
	}
	return opentype.NewFace(ft, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
}

// wrap breaks s into lines no wider than width; a word wider than the
// line stands alone on it.
func wrap(f font.Face, s string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		try := w
		if line != "" {
			try = line + " " + w
		}
		if line != "" && font.MeasureString(f, try).Ceil() > width {
			lines = append(lines, line)
			line = w
			continue
		}
		line = try
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

func text(m *image.RGBA, f font.Face, s string, x, y int, c color.Color) {
	d := font.Drawer{Dst: m, Src: image.NewUniform(c), Face: f, Dot: fixed.P(x, y)}
	d.DrawString(s)
}

// For is the cover of a document in plain terms: its title, authors,
// and site name or else its date as written. The EPUB draws its own,
// with the byline and date in the book's language.
func For(doc *render.Document) Info {
	in := Info{Title: doc.Meta.Title, Byline: doc.Meta.AuthorNames(), Footer: doc.Meta.SiteName}
	if strings.TrimSpace(in.Footer) == "" {
		in.Footer, _, _ = strings.Cut(strings.TrimSpace(doc.Meta.Date), "T")
	}
	return in
}
