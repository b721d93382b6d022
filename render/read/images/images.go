// Package images turns an image reference in an article (a relative path,
// a data: URI or an http(s) URL) into the image's bytes, for readers. It is
// the one place that touches the file system or the network on an
// article's behalf, so it is also where the limits live: a local image may
// not leave the input's folder, a remote one is fetched only when the user
// asked, and nothing larger than the caller allows is read or handed on.
package images

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"strings"
	"time"

	"golang.org/x/image/webp"
)

// Options bound what may be loaded.
type Options struct {
	Dir       string        // folder relative paths are resolved against; images may not leave it
	Fetch     bool          // remote http(s) images may be downloaded
	Timeout   time.Duration // for fetches (0: 15s)
	MaxBytes  int64         // per image (0: 20 MiB)
	MaxPixels int64         // width*height (0: 50 megapixels)
	// Budget counts one article's images against --max-images; nil
	// leaves the count unbounded (a caller loading one image).
	Budget *Budget
	// Context, when set, stops downloads in flight once it is done, so
	// Ctrl-C does not wait out a slow server's timeout.
	Context context.Context
}

// The defaults of Options, and of the matching command-line flags.
const (
	DefaultTimeout   = 15 * time.Second
	DefaultMaxBytes  = 20 << 20
	DefaultMaxPixels = 50_000_000
)

func (o Options) withDefaults() Options {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxPixels <= 0 {
		o.MaxPixels = DefaultMaxPixels
	}
	return o
}

// Error is what Load returns: the image as the input named it, and why it
// could not be used. Its message is one line, "SRC: WHY", ready for a
// warning; a long data: URI is shortened in it.
type Error struct {
	Src string
	Why string
	err error // the cause callers may test with errors.Is (fs.ErrNotExist)
}

func (e *Error) Error() string { return Short(e.Src) + ": " + e.Why }

func (e *Error) Unwrap() error { return e.err }

// ErrOutside is what a local path that leads out of Options.Dir wraps: a
// web page's relative image can then be looked for at the page's address.
var ErrOutside = errors.New("outside the input's folder")

func fail(src, format string, args ...any) error {
	return &Error{Src: src, Why: fmt.Sprintf(format, args...)}
}

// Short is src as a message may show it: a data: URI (often megabytes of
// base64) is cut after its media type.
func Short(src string) string {
	src = strings.TrimSpace(src)
	if hasPrefixFold(src, "data:") {
		if i := strings.IndexByte(src, ','); i >= 0 && i < 80 {
			return src[:i+1] + "…"
		}
		if len(src) > 40 {
			return src[:40] + "…"
		}
	}
	if len(src) > 300 {
		return src[:300] + "…"
	}
	return src
}

// Load resolves src (a relative path, a data: URI, or an http(s) URL) into
// an image's bytes, its MIME type (image/png, image/jpeg, image/gif,
// image/webp) and pixel size, reading only the header (image.DecodeConfig)
// to check the size limit. Errors are one line, phrased for a user, naming
// src.
func Load(src string, opt Options) (data []byte, mime string, width, height int, err error) {
	opt = opt.withDefaults()
	ref := strings.TrimSpace(src)
	switch {
	case ref == "":
		return nil, "", 0, 0, fail(src, "the image has no source")
	case opt.Budget.spent():
		return nil, "", 0, 0, opt.Budget.refusal(src)
	case hasPrefixFold(ref, "data:"):
		data, err = fromDataURI(src, ref, opt)
	case remote(ref):
		if strings.HasPrefix(ref, "//") {
			// A scheme-relative URL has no page to take a scheme from here.
			ref = "https:" + ref
		}
		if !opt.Fetch {
			return nil, "", 0, 0, fail(src, "remote image not fetched (use --fetch-images)")
		}
		opt.Budget.take()
		data, err = fetch(src, ref, opt)
	case hasPrefixFold(ref, "file:"):
		var p string
		if p, err = filePath(src, ref); err == nil {
			data, err = readLocal(src, p, opt)
		}
	default:
		if scheme := urlScheme(ref); scheme != "" {
			return nil, "", 0, 0, fail(src, "%s: links cannot be loaded as images (only files, data: and http(s) URLs)", scheme)
		}
		data, err = readLocal(src, ref, opt)
	}
	if err != nil {
		return nil, "", 0, 0, err
	}
	mime, width, height, err = Check(src, data, opt.MaxPixels)
	if err != nil {
		return nil, "", 0, 0, err
	}
	if !remote(ref) {
		opt.Budget.take() // a download was counted when it was attempted
	}
	return data, mime, width, height, nil
}

// Check sniffs data (the extension and any declared type are not
// trusted), reads its header and enforces maxPixels (0: 50 megapixels).
func Check(src string, data []byte, maxPixels int64) (mime string, width, height int, err error) {
	if maxPixels <= 0 {
		maxPixels = DefaultMaxPixels
	}
	var decode func(io.Reader) (image.Config, error)
	switch mime = Sniff(data); mime {
	case "image/png":
		decode = png.DecodeConfig
	case "image/jpeg":
		decode = jpeg.DecodeConfig
	case "image/gif":
		decode = gif.DecodeConfig
	case "image/webp":
		decode = webp.DecodeConfig
	case "image/svg+xml":
		return "", 0, 0, fail(src, "SVG images are not supported yet")
	case "image/avif", "image/heic", "image/bmp", "image/tiff", "image/x-icon":
		return "", 0, 0, fail(src, "%s images are not supported (only PNG, JPEG, GIF and WebP)", strings.ToUpper(strings.TrimPrefix(strings.TrimPrefix(mime, "image/x-"), "image/")))
	default:
		if len(data) == 0 {
			return "", 0, 0, fail(src, "the image is empty")
		}
		return "", 0, 0, fail(src, "not a PNG, JPEG, GIF or WebP image")
	}
	cfg, err := decode(bytes.NewReader(data))
	if err != nil {
		return "", 0, 0, fail(src, "the %s image is damaged (%s)", strings.ToUpper(strings.TrimPrefix(mime, "image/")), plainErr(err))
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return "", 0, 0, fail(src, "the image declares no size (%d×%d pixels)", cfg.Width, cfg.Height)
	}
	if int64(cfg.Width)*int64(cfg.Height) > maxPixels {
		return "", 0, 0, fail(src, "the image is too large (%d×%d pixels; the limit is %s, --max-image-pixels)", cfg.Width, cfg.Height, megapixels(maxPixels))
	}
	return mime, cfg.Width, cfg.Height, nil
}

// Sniff names data's format from its first bytes: image/png, image/jpeg,
// image/gif, image/webp, image/svg+xml, a few formats that are recognised
// only to be refused by name, or "" when it is none of them.
func Sniff(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "image/png"
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		return "image/jpeg"
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return "image/gif"
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return "image/webp"
	case len(data) >= 12 && string(data[4:8]) == "ftyp" && (string(data[8:12]) == "avif" || string(data[8:12]) == "avis"):
		return "image/avif"
	case len(data) >= 12 && string(data[4:8]) == "ftyp" && strings.HasPrefix(string(data[8:12]), "hei"):
		return "image/heic"
	case bytes.HasPrefix(data, []byte("BM")) && len(data) > 14:
		return "image/bmp"
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		return "image/tiff"
	case bytes.HasPrefix(data, []byte{0, 0, 1, 0}):
		return "image/x-icon"
	case isSVG(data):
		return "image/svg+xml"
	}
	return ""
}

// isSVG looks for an <svg element near the start of what reads as XML
// text; an SVG may open with a declaration, a doctype or comments.
func isSVG(data []byte) bool {
	head := data
	if len(head) > 4096 {
		head = head[:4096]
	}
	head = bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF"))
	head = bytes.TrimLeft(head, " \t\r\n")
	if !bytes.HasPrefix(head, []byte("<")) {
		return false
	}
	return bytes.Contains(bytes.ToLower(head), []byte("<svg"))
}

func megapixels(n int64) string {
	if n%1_000_000 == 0 {
		return fmt.Sprintf("%d megapixels", n/1_000_000)
	}
	return fmt.Sprintf("%d pixels", n)
}

// plainErr is an underlying error as a user can read it: Go's decoders
// prefix their package names.
func plainErr(err error) string {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return "it ends too early"
	}
	msg := err.Error()
	for _, p := range []string{"png: ", "jpeg: ", "gif: ", "webp: "} {
		msg = strings.TrimPrefix(msg, p)
	}
	return msg
}

func remote(ref string) bool {
	return hasPrefixFold(ref, "http://") || hasPrefixFold(ref, "https://") || strings.HasPrefix(ref, "//")
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// urlScheme is ref's URL scheme, if it has one. A single letter before the
// colon is a Windows drive, not a scheme.
func urlScheme(ref string) string {
	for i := 0; i < len(ref); i++ {
		c := ref[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		case c == ':' && i > 1:
			return strings.ToLower(ref[:i])
		default:
			return ""
		}
	}
	return ""
}
