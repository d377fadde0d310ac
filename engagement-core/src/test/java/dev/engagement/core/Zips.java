package dev.engagement.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Test helper: copies a zip with one entry replaced. */
final class Zips {
  private Zips() {}

  static Path replace(Path zip, String name, byte[] data, Path target) {
    try {
      Files.createDirectories(target.getParent());
      try (ZipFile in = new ZipFile(zip.toFile());
          OutputStream os = Files.newOutputStream(target);
          ZipOutputStream out = new ZipOutputStream(os)) {
        Enumeration<? extends ZipEntry> en = in.entries();
        while (en.hasMoreElements()) {
          ZipEntry e = en.nextElement();
          out.putNextEntry(new ZipEntry(e.getName()));
          if (e.getName().equals(name)) {
            out.write(data);
          } else {
            try (InputStream is = in.getInputStream(e)) {
              is.transferTo(out);
            }
          }
          out.closeEntry();
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
