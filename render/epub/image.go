package epub

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"image"
	"image/draw"
	_ "image/gif" // image formats articles carry
	_ "image/jpeg"
	"image/png"
	"strings"

	_ "golang.org/x/image/bmp"
	_ "golang.org/x/image/tiff"
	_ "golang.org/x/image/webp"

	"github.com/offprint/offprint/render"
)

// maxPixels refuses images whose decoding would take unreasonable memory.
const maxPixels = 40_000_000

// coreTypes are the raster formats every EPUB reading system must show
// (EPUB 3.2 core media types); the rest are converted to PNG.
var coreTypes = map[string]string{"png": "image/png", "jpeg": "image/jpeg", "gif": "image/gif"}

var extOf = map[string]string{"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif"}

type stored struct {
	href string
	w, h int
}

// addImage puts the image's bytes into the book once (an image used twice
// is stored once) and returns its path from the content documents. An
// image that cannot be stored is reported and left out.
func (b *book) addImage(img *render.Image) (href string, w, h int, ok bool) {
	src := img.Src
	if src == "" {
		src = "(embedded)"
	}
	if len(img.Data) == 0 {
		b.opt.Warnf("image", "epub: image %s has no data; left out", src)
		return "", 0, 0, false
	}
	key := sha256.Sum256(img.Data)
	if s, seen := b.stored[key]; seen {
		b.countAlt(img)
		return s.href, s.w, s.h, true
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(img.Data))
	if err != nil {
		b.opt.Warnf("image", "epub: image %s left out: unreadable (%v)", src, err)
		return "", 0, 0, false
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > maxPixels {
		b.opt.Warnf("image", "epub: image %s left out: %d×%d pixels", src, cfg.Width, cfg.Height)
		return "", 0, 0, false
	}
	data, mime := img.Data, coreTypes[format]
	if mime == "" {
		m, _, err := image.Decode(bytes.NewReader(img.Data))
		if err == nil {
			data, err = encodePNG(m)
		}
		if err != nil {
			b.opt.Warnf("image", "epub: image %s left out: %v", src, err)
			return "", 0, 0, false
		}
		mime = "image/png"
	}
	n := len(b.stored) + 1
	s := stored{href: fmt.Sprintf("images/img%d%s", n, extOf[mime]), w: cfg.Width, h: cfg.Height}
	b.items = append(b.items, item{id: fmt.Sprintf("img%d", n), href: s.href, mediaType: mime, data: data})
	if b.stored == nil {
		b.stored = map[[32]byte]stored{}
	}
	b.stored[key] = s
	b.countAlt(img)
	return s.href, s.w, s.h, true
}

// countAlt keeps the figures the accessibility metadata is made from.
func (b *book) countAlt(img *render.Image) {
	b.images++
	if strings.TrimSpace(img.Alt) != "" {
		b.altImages++
		return
	}
	// A screen-reader user hears nothing for it, and the book can no
	// longer claim WCAG AA: worth telling whoever made it.
	b.opt.Warnf("image", "epub: image %s has no alt text; the book no longer claims WCAG 2.1 AA", img.Src)
}

func encodePNG(m image.Image) ([]byte, error) {
	rgba := image.NewNRGBA(m.Bounds())
	draw.Draw(rgba, rgba.Bounds(), m, m.Bounds().Min, draw.Src)
	var buf bytes.Buffer
	if err := png.Encode(&buf, rgba); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
