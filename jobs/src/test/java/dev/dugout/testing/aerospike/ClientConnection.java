package dev.dugout.testing.aerospike;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

/**
 * One client connection, served by its own thread: requests on a connection are sequential, so
 * the loop reads a frame, answers it and reads the next, until the client closes the socket, the
 * server closes it (shutdown, a fault), or the client sends something undecodable.
 */
final class ClientConnection implements Runnable {
    private final Socket socket;
    private final InfoHandler info;
    private final MessageHandler messages;
    private final Runnable onClose;

    ClientConnection(Socket socket, InfoHandler info, MessageHandler messages, Runnable onClose) {
        this.socket = socket;
        this.info = info;
        this.messages = messages;
        this.onClose = onClose;
    }

    @Override
    public void run() {
        try (Socket s = socket) {
            s.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream(), 16 * 1024));
            OutputStream out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024);
            ProtoFrame frame;
            while ((frame = ProtoFrame.read(in)) != null) {
                if (!answer(frame, out)) {
                    return;
                }
                out.flush();
            }
        } catch (IOException e) {
            // The client or the server closed the socket: normal end of a connection.
        } catch (ProtocolException e) {
            System.err.println("aerospike-test-server: closing connection from " + socket.getRemoteSocketAddress()
                + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            System.err.println("aerospike-test-server: internal error on connection from "
                + socket.getRemoteSocketAddress() + ", closing it: " + e);
            e.printStackTrace();
        } finally {
            onClose.run();
        }
    }

    private boolean answer(ProtoFrame frame, OutputStream out) throws IOException, InterruptedException {
        switch (frame.type()) {
            case ProtoFrame.TYPE_INFO: {
                byte[] body = info.answer(frame.body());
                ProtoFrame.write(out, ProtoFrame.TYPE_INFO, body, body.length);
                return true;
            }
            case ProtoFrame.TYPE_MESSAGE:
                return messages.handle(frame.body(), out);
            default:
                throw new ProtocolException("unsupported proto type " + frame.type());
        }
    }
}
