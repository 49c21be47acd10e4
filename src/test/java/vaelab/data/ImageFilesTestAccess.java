package vaelab.data;

import java.io.IOException;

/** Lets tests in other packages craft picture bombs. */
public final class ImageFilesTestAccess {
    private ImageFilesTestAccess() {
    }

    public static byte[] pngDeclaring(int w, int h) throws IOException {
        return ImageFilesTest.pngDeclaring(w, h);
    }
}
