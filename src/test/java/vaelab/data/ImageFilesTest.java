package vaelab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pictures whose header declares more than anyone should decode are refused before a pixel is read. */
class ImageFilesTest {
    @TempDir
    Path dir;

    /** A PNG whose header says w×h, followed by a few bytes of image data: what a picture bomb starts with. */
    static byte[] pngDeclaring(int w, int h) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(out);
        d.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream i = new DataOutputStream(ihdr);
        i.writeInt(w);
        i.writeInt(h);
        i.write(new byte[] {8, 2, 0, 0, 0}); // 8-bit RGB
        chunk(d, "IHDR", ihdr.toByteArray());
        chunk(d, "IDAT", new byte[] {0x78, (byte) 0x9C, 0x63, 0, 0});
        chunk(d, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(DataOutputStream d, String type, byte[] data) throws IOException {
        d.writeInt(data.length);
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }

    /** A JPEG whose frame header declares w×h, with a scan of one byte: a JPEG bomb's first bytes. */
    static byte[] jpegDeclaring(int w, int h) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(out);
        d.writeShort(0xFFD8); // SOI
        d.writeShort(0xFFDB); // DQT
        d.writeShort(67);
        d.writeByte(0);
        for (int k = 0; k < 64; k++) {
            d.writeByte(1);
        }
        d.writeShort(0xFFC0); // SOF0
        d.writeShort(11);
        d.writeByte(8);
        d.writeShort(h);
        d.writeShort(w);
        d.writeByte(1);
        d.write(new byte[] {1, 0x11, 0});
        for (int table : new int[] {0x00, 0x10}) { // DHT: one DC and one AC table of a single 1-bit code
            d.writeShort(0xFFC4);
            d.writeShort(20);
            d.writeByte(table);
            d.writeByte(1);
            d.write(new byte[15]);
            d.writeByte(0);
        }
        d.writeShort(0xFFDA); // SOS: the scan starts, and the stream ends soon after
        d.writeShort(8);
        d.write(new byte[] {1, 1, 0x00, 0, 63, 0});
        d.writeByte(0);
        d.writeShort(0xFFD9); // EOI
        return out.toByteArray();
    }

    @Test
    void aPngOrJpegThatDeclaresTooManyPixelsIsRefusedUnread() throws Exception {
        Path png = dir.resolve("bomb.png");
        Files.write(png, pngDeclaring(20_000, 20_000));
        assertThatThrownBy(() -> ImageFiles.read(png)).isInstanceOf(ImageFiles.TooLargeException.class)
                .hasMessage("the picture declares 20000×20000 pixels (400.0 megapixels), more than the 40 megapixels this reads");
        Path jpeg = dir.resolve("bomb.jpg");
        Files.write(jpeg, jpegDeclaring(30_000, 20_000));
        assertThatThrownBy(() -> ImageFiles.read(jpeg)).isInstanceOf(ImageFiles.TooLargeException.class)
                .hasMessageContaining("30000×20000 pixels (600.0 megapixels)");
        // A very long, thin one counts its pixels too.
        Files.write(png, pngDeclaring(2_000_000, 21));
        assertThatThrownBy(() -> ImageFiles.read(png)).isInstanceOf(ImageFiles.TooLargeException.class);
    }

    @Test
    void aLargePictureIsDecodedSubsampledAndASmallOneWhole() throws Exception {
        BufferedImage big = new BufferedImage(2500, 1700, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < big.getHeight(); y++) {
            for (int x = 0; x < big.getWidth(); x++) {
                big.setRGB(x, y, x < 1250 ? 0xFF0000 : 0x0000FF); // red left half, blue right half
            }
        }
        Path file = dir.resolve("big.png");
        ImageIO.write(big, "png", file.toFile());
        BufferedImage read = ImageFiles.read(file);
        assertThat((long) read.getWidth() * read.getHeight()).isLessThanOrEqualTo(ImageFiles.DECODED_PIXELS);
        assertThat(read.getWidth()).isEqualTo((2500 + 2) / 3); // every third pixel
        float[] px = CaptionedFolder.toPixels(read, 32);
        assertThat(px[0]).isEqualTo(1f); // red at the top left
        assertThat(px[2 * 32 * 32 + 31]).isEqualTo(1f); // blue at the top right
        BufferedImage small = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        small.setRGB(3, 4, 0x123456);
        Path smallFile = dir.resolve("small.png");
        ImageIO.write(small, "png", smallFile.toFile());
        BufferedImage back = ImageFiles.read(smallFile);
        assertThat(back.getWidth()).isEqualTo(40);
        assertThat(back.getRGB(3, 4) & 0xFFFFFF).isEqualTo(0x123456);
    }

    @Test
    void aFileOfNoKnownFormatIsNullAndABrokenOneAnError() throws Exception {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "not a picture");
        assertThat(ImageFiles.read(text)).isNull();
        Path broken = dir.resolve("broken.png");
        Files.write(broken, java.util.Arrays.copyOf(pngDeclaring(10, 10), 30));
        assertThatThrownBy(() -> ImageFiles.read(broken)).isInstanceOf(IOException.class);
    }
}
