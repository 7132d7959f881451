//! Text written in pieces: gathered up to a few dozen KiB, then passed on to the writer, so a
//! page of 100,000 rows is never held whole. The first error of the writer is kept and
//! returned at the end; what comes after it is dropped.

use std::io;

/// Gathered text is passed on once it is this long.
const CHUNK: usize = 64 * 1024;

pub struct Sink<'a> {
    buf: String,
    w: &'a mut dyn io::Write,
    error: Option<io::Error>,
}

impl<'a> Sink<'a> {
    pub fn new(w: &'a mut dyn io::Write) -> Self {
        Sink {
            buf: String::with_capacity(CHUNK + 1024),
            w,
            error: None,
        }
    }

    pub fn push_str(&mut self, s: &str) {
        self.buf.push_str(s);
        if self.buf.len() >= CHUNK {
            self.pass_on();
        }
    }

    pub fn push(&mut self, c: char) {
        self.push_str(c.encode_utf8(&mut [0; 4]));
    }

    fn pass_on(&mut self) {
        if self.error.is_none()
            && let Err(e) = self.w.write_all(self.buf.as_bytes())
        {
            self.error = Some(e);
        }
        self.buf.clear();
    }

    /// Passes on the rest; the first error of the writer, if any.
    pub fn finish(mut self) -> io::Result<()> {
        self.pass_on();
        match self.error.take() {
            Some(e) => Err(e),
            None => self.w.flush(),
        }
    }
}

impl std::fmt::Write for Sink<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.push_str(s);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write;

    #[test]
    fn everything_is_passed_on_in_order() {
        let mut bytes = Vec::new();
        let mut sink = Sink::new(&mut bytes);
        for i in 0..20_000 {
            let _ = write!(sink, "{i},");
            sink.push('ä');
        }
        sink.finish().expect("a Vec takes everything");
        let want: String = (0..20_000).map(|i| format!("{i},ä")).collect();
        assert!(want.len() > 2 * CHUNK);
        assert_eq!(String::from_utf8(bytes).expect("utf-8"), want);
    }

    #[test]
    fn the_first_error_is_returned() {
        struct Full;
        impl io::Write for Full {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::other("disk full"))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut w = Full;
        let mut sink = Sink::new(&mut w);
        sink.push_str(&"x".repeat(CHUNK));
        sink.push_str("more");
        let e = sink.finish().expect_err("the writer failed");
        assert_eq!(e.to_string(), "disk full");
    }
}
