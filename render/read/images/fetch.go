package images

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// fromDataURI decodes "data:[type][;base64],payload". The declared type is
// not trusted: Check sniffs the bytes, as for any other source, except
// that an SVG is named as such even when its bytes start oddly.
func fromDataURI(src, ref string, opt Options) ([]byte, error) {
	comma := strings.IndexByte(ref, ',')
	if comma < 0 {
		return nil, fail(src, "not a valid data: URI (no comma)")
	}
	header, payload := ref[len("data:"):comma], ref[comma+1:]
	params := strings.Split(header, ";")
	isBase64 := false
	for _, p := range params[1:] {
		if strings.EqualFold(strings.TrimSpace(p), "base64") {
			isBase64 = true
		}
	}
	if mt, _, err := mime.ParseMediaType(params[0]); err == nil && mt == "image/svg+xml" {
		return nil, fail(src, "SVG images are not supported yet")
	}
	if !isBase64 {
		data, err := url.PathUnescape(payload)
		if err != nil {
			return nil, fail(src, "not a valid data: URI (%s)", err)
		}
		if int64(len(data)) > opt.MaxBytes {
			return nil, fail(src, "the image is too large (more than %s, --max-fetch-size)", byteSize(opt.MaxBytes))
		}
		return []byte(data), nil
	}
	// Base64 in HTML attributes is often wrapped over lines or itself
	// percent-encoded; both are undone before decoding.
	if strings.Contains(payload, "%") {
		if u, err := url.PathUnescape(payload); err == nil {
			payload = u
		}
	}
	payload = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' {
			return -1
		}
		return r
	}, payload)
	if int64(len(payload))/4*3 > opt.MaxBytes+3 {
		return nil, fail(src, "the image is too large (more than %s, --max-fetch-size)", byteSize(opt.MaxBytes))
	}
	trimmed := strings.TrimRight(payload, "=")
	for _, enc := range []*base64.Encoding{base64.RawStdEncoding, base64.RawURLEncoding} {
		if data, err := enc.DecodeString(trimmed); err == nil {
			if int64(len(data)) > opt.MaxBytes {
				return nil, fail(src, "the image is too large (more than %s, --max-fetch-size)", byteSize(opt.MaxBytes))
			}
			return data, nil
		}
	}
	return nil, fail(src, "not a valid data: URI (the base64 data is damaged)")
}

// fetch downloads ref with opt's time and size limits. Only http and https
// are followed, redirects included.
func fetch(src, ref string, opt Options) ([]byte, error) {
	u, err := url.Parse(ref)
	if err != nil || u.Host == "" {
		return nil, fail(src, "not a valid URL")
	}
	client := &http.Client{
		Timeout: opt.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 5 {
				return errors.New("too many redirects")
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("redirected to a %s: URL", req.URL.Scheme)
			}
			return nil
		},
	}
	parent := opt.Context
	if parent == nil {
		parent = context.Background()
	}
	ctx, cancel := context.WithTimeout(parent, opt.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fail(src, "not a valid URL")
	}
	req.Header.Set("Accept", "image/png,image/jpeg,image/gif,image/webp;q=0.9,*/*;q=0.1")
	resp, err := client.Do(req)
	if err != nil {
		return nil, fail(src, "could not be fetched (%s)", netErr(err, opt))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fail(src, "could not be fetched (the server answered %s)", resp.Status)
	}
	if mt, _, err := mime.ParseMediaType(resp.Header.Get("Content-Type")); err == nil && mt == "image/svg+xml" {
		return nil, fail(src, "SVG images are not supported yet")
	}
	if resp.ContentLength > opt.MaxBytes {
		return nil, fail(src, "the image is too large (%s; the limit is %s, --max-fetch-size)", byteSize(resp.ContentLength), byteSize(opt.MaxBytes))
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, opt.MaxBytes+1))
	if err != nil {
		return nil, fail(src, "could not be fetched (%s)", netErr(err, opt))
	}
	if int64(len(data)) > opt.MaxBytes {
		return nil, fail(src, "the image is too large (more than %s, --max-fetch-size)", byteSize(opt.MaxBytes))
	}
	return data, nil
}

// netErr says what went wrong with a fetch in a user's words; Go's own
// messages repeat the method and URL.
func netErr(err error, opt Options) string {
	if errors.Is(err, context.Canceled) {
		return "interrupted"
	}
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
		return fmt.Sprintf("no answer within %s", opt.Timeout)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return "the host " + dns.Name + " is unknown"
	}
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return "the server cannot be reached"
	}
	return err.Error()
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
