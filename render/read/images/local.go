package images

import (
	"errors"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// readLocal reads the file that p names, relative to opt.Dir, refusing
// anything that ends up outside that folder: a "..", an absolute path
// elsewhere, or a symbolic link (at any step of the path) that points out.
// An article is often someone else's file; its images must not be a way
// to read /etc/passwd into a PDF.
func readLocal(src, p string, opt Options) ([]byte, error) {
	dir := opt.Dir
	if dir == "" {
		dir = "."
	}
	root, err := filepath.Abs(dir)
	if err != nil {
		return nil, fail(src, "the input's folder cannot be resolved (%s)", plainOSErr(err))
	}
	if realRoot, err := filepath.EvalSymlinks(root); err == nil {
		root = realRoot
	} else {
		return nil, fail(src, "the input's folder cannot be read (%s)", plainOSErr(err))
	}

	// Markdown and HTML write paths as URLs: "my%20photo.png" is the file
	// "my photo.png". Try the name as written first, since a file name may
	// hold a literal "%".
	candidates := []string{p}
	if strings.ContainsAny(p, "%?#") {
		q := p
		if i := strings.IndexAny(q, "?#"); i >= 0 {
			q = q[:i]
		}
		if u, err := url.PathUnescape(q); err == nil && u != p {
			candidates = append(candidates, u)
		}
	}
	var lastErr error
	for _, c := range candidates {
		data, err := readUnder(src, root, c, opt.MaxBytes)
		if err == nil {
			return data, nil
		}
		lastErr = err
		var notFound *missing
		if !errors.As(err, &notFound) {
			return nil, err
		}
	}
	var notFound *missing
	if errors.As(lastErr, &notFound) {
		return nil, &Error{Src: src, Why: "no such file", err: fs.ErrNotExist}
	}
	return nil, lastErr
}

// missing marks a file that does not exist, so that the next spelling of
// its name can be tried.
type missing struct{ error }

func readUnder(src, root, p string, maxBytes int64) ([]byte, error) {
	var full string
	if filepath.IsAbs(p) {
		full = filepath.Clean(p)
	} else {
		full = filepath.Join(root, p)
	}
	outside := &Error{Src: src, Why: "the image is outside the input's folder, and is not read", err: ErrOutside}
	if !within(root, full) {
		// An absolute path may still name the folder through a link
		// (/tmp vs /private/tmp): judge it by where it really is.
		if !filepath.IsAbs(p) {
			return nil, outside
		}
	}
	real, err := filepath.EvalSymlinks(full)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			if !within(root, full) {
				return nil, outside
			}
			return nil, &missing{fail(src, "no such file")}
		}
		return nil, fail(src, "the image cannot be read (%s)", plainOSErr(err))
	}
	if !within(root, real) {
		return nil, outside
	}
	// Open the resolved path, not the one written: a link swapped in
	// between the check and the open cannot lead elsewhere then.
	f, err := os.Open(real)
	if err != nil {
		return nil, fail(src, "the image cannot be read (%s)", plainOSErr(err))
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fail(src, "the image cannot be read (%s)", plainOSErr(err))
	}
	if !info.Mode().IsRegular() {
		return nil, fail(src, "not a file")
	}
	if info.Size() > maxBytes {
		return nil, fail(src, "the image is too large (%s; the limit is %s, --max-fetch-size)", byteSize(info.Size()), byteSize(maxBytes))
	}
	data, err := io.ReadAll(io.LimitReader(f, maxBytes+1))
	if err != nil {
		return nil, fail(src, "the image cannot be read (%s)", plainOSErr(err))
	}
	if int64(len(data)) > maxBytes {
		return nil, fail(src, "the image is too large (more than %s, --max-fetch-size)", byteSize(maxBytes))
	}
	return data, nil
}

// within reports whether p is root or below it; both are clean and
// absolute.
func within(root, p string) bool {
	if p == root {
		return true
	}
	if !strings.HasSuffix(root, string(filepath.Separator)) {
		root += string(filepath.Separator)
	}
	return strings.HasPrefix(p, root)
}

// filePath turns a file: URL into a path. Only local files are meant: a
// file URL naming another host is refused.
func filePath(src, ref string) (string, error) {
	u, err := url.Parse(ref)
	if err != nil {
		return "", fail(src, "not a valid file URL")
	}
	if u.Host != "" && !strings.EqualFold(u.Host, "localhost") {
		return "", fail(src, "a file URL on another host (%s) cannot be read", u.Host)
	}
	p := u.Path
	if p == "" {
		// "file:photo.png" is a relative reference.
		p = u.Opaque
	}
	if p == "" {
		return "", fail(src, "the file URL names no file")
	}
	return filepath.FromSlash(p), nil
}

func plainOSErr(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	case errors.Is(err, fs.ErrNotExist):
		return "no such file"
	}
	return err.Error()
}
