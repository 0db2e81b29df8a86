package dev.vsgdsuite.vsgd;

/** Text rules for one-line messages, shared by the library's and the suite's. */
public final class Texts {

    /** Longest piece of user input a message echoes. */
    static final int CLIP = 60;

    private Texts() {}

    /** {@code text}, cut to {@link #CLIP} characters with its length named, so a message stays one line. */
    public static String clip(String text) {
        return text.length() <= CLIP ? text : text.substring(0, CLIP) + "… (" + text.length() + " characters)";
    }

    /**
     * The name of {@code names} nearest to {@code name} (edit distance, case ignored), if it is near
     * enough to be a misspelling of it.
     */
    public static java.util.Optional<String> nearest(String name, java.util.Collection<String> names) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String n = name.toLowerCase(java.util.Locale.ROOT);
        for (String candidate : names) {
            int d = editDistance(n, candidate.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(3, name.length() / 3) ? java.util.Optional.of(best)
                : java.util.Optional.empty();
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    public static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
