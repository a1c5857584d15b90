import java.io.ByteArrayInputStream;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

/**
 * The Xerces-J side of the validation benchmark (bench/validation.bench.ts compiles and runs it).
 *
 *   java -cp xercesImpl.jar:<dir> XercesValidate <schema.xsd> <document.xml> <validations> [no-identity-constraints]
 *
 * Compiles the schema once with Apache Xerces-J's own JAXP SchemaFactory (not the JDK's internal
 * copy), then validates the document <validations> times, each with a fresh Validator from the
 * same compiled Schema (as a language server keeps its grammar pool). The document's bytes are
 * read into memory before any timing, so the figures are parse+validate without disk I/O. Xerces
 * validates while it parses (SAX, streaming): parse and validate cannot be timed apart.
 *
 * Prints one JSON line: how long the JVM took to reach main, the compile time, every validation
 * time (the first one is the cold one) and the number of errors and warnings of the last run.
 * With "no-identity-constraints", xs:key / xs:unique / xs:keyref are not checked (Xerces feature
 * identity-constraint-checking off): a diagnostic run showing what those constraints cost.
 */
public final class XercesValidate {
    private static final String XERCES_FACTORY = "org.apache.xerces.jaxp.validation.XMLSchemaFactory";
    private static final String IDC_FEATURE = "http://apache.org/xml/features/validation/identity-constraint-checking";

    public static void main(String[] args) throws Exception {
        long mainAt = System.currentTimeMillis();
        long jvmToMain = mainAt - ManagementFactory.getRuntimeMXBean().getStartTime();
        if (args.length < 3 || args.length > 4 || (args.length == 4 && !args[3].equals("no-identity-constraints"))) {
            System.err.println("usage: XercesValidate <schema.xsd> <document.xml> <validations> [no-identity-constraints]");
            System.exit(2);
        }
        File schemaFile = new File(args[0]);
        File docFile = new File(args[1]);
        int runs = Integer.parseInt(args[2]);
        boolean identityConstraints = args.length < 4;
        byte[] doc = Files.readAllBytes(docFile.toPath());
        String docId = docFile.toURI().toString();

        long t = System.nanoTime();
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI, XERCES_FACTORY, null);
        Schema schema = factory.newSchema(new StreamSource(schemaFile));
        double compileMs = (System.nanoTime() - t) / 1e6;

        List<Double> validateMs = new ArrayList<>();
        Counter last = new Counter();
        for (int i = 0; i < runs; i++) {
            Counter counter = new Counter();
            t = System.nanoTime();
            Validator validator = schema.newValidator();
            validator.setErrorHandler(counter);
            if (!identityConstraints) validator.setFeature(IDC_FEATURE, false);
            validator.validate(new StreamSource(new ByteArrayInputStream(doc), docId));
            validateMs.add((System.nanoTime() - t) / 1e6);
            last = counter;
        }

        Runtime rt = Runtime.getRuntime();
        StringBuilder out = new StringBuilder();
        out.append("{\"factory\":\"").append(factory.getClass().getName()).append('"');
        out.append(",\"xerces\":\"").append(org.apache.xerces.impl.Version.getVersion()).append('"');
        out.append(",\"java\":\"").append(System.getProperty("java.version")).append('"');
        out.append(",\"identityConstraints\":").append(identityConstraints);
        out.append(",\"jvmToMainMs\":").append(jvmToMain);
        out.append(",\"compileMs\":").append(String.format(java.util.Locale.ROOT, "%.3f", compileMs));
        out.append(",\"validateMs\":[");
        for (int i = 0; i < validateMs.size(); i++) {
            if (i > 0) out.append(',');
            out.append(String.format(java.util.Locale.ROOT, "%.3f", validateMs.get(i)));
        }
        out.append("],\"errors\":").append(last.errors);
        out.append(",\"warnings\":").append(last.warnings);
        out.append(",\"firstError\":").append(jsonString(last.first));
        out.append(",\"heapUsedMB\":").append((rt.totalMemory() - rt.freeMemory()) / (1024 * 1024));
        out.append('}');
        System.out.println(out);
    }

    private static String jsonString(String s) {
        if (s == null) return "null";
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }

    private static final class Counter implements ErrorHandler {
        int errors;
        int warnings;
        String first;

        @Override
        public void warning(SAXParseException e) {
            warnings++;
        }

        @Override
        public void error(SAXParseException e) {
            if (errors++ == 0) first = e.getLineNumber() + ": " + e.getMessage();
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXParseException {
            if (errors++ == 0) first = e.getLineNumber() + ": " + e.getMessage();
            throw e;
        }
    }
}
