package dev.engagement.core.internal.rollover;

import dev.engagement.core.Change;
import dev.engagement.core.PartnerRate;
import dev.engagement.core.Settings;
import dev.engagement.core.YearNote;
import dev.engagement.core.internal.docx.Paragraph;
import dev.engagement.core.internal.docx.PartEditor;
import dev.engagement.core.internal.docx.StoryText;
import dev.engagement.core.internal.docx.TextEdit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The rollover rules over the text of a letter: the letter's year, years rolled forward by one
 * within its window (or all of them), fee sentences rewritten from the settings; all edits of a
 * paragraph computed on its original text, then spliced into the XML.
 *
 * <p>A fee sentence gets the settings' rates only when the settings have them and the sentence
 * names the settings' partners ({@link FeePartners}): then the names stay as written (order,
 * credentials and all) and only the amounts and ranges change. A sentence that names other
 * partners, or whose list does not read as {@code Name–$rate} entries, is left as it is with a
 * note naming both lists, unless the partner list is to be replaced: then the settings' partners
 * are written, as the original app did.
 *
 * <p>Immutable and thread-safe; {@link #run} keeps its state on the stack.
 */
public final class RolloverEngine {
  private final Settings settings;
  private final boolean allYears;
  private final boolean replacePartners;

  /**
   * Creates an engine.
   *
   * @param settings the rates for fee sentences
   * @param allYears roll every year (the original app's behaviour), not only the letter's window
   * @param replacePartners write the settings' partner list into fee sentences that name other
   *     partners, instead of leaving them alone
   */
  public RolloverEngine(Settings settings, boolean allYears, boolean replacePartners) {
    this.settings = settings;
    this.allYears = allYears;
    this.replacePartners = replacePartners;
  }

  /**
   * What the rules did to one letter.
   *
   * @param letterYear the letter's year, or null if it has none
   * @param newParts the new text of each changed part, by part name
   * @param changes the changed paragraphs
   * @param yearsLeftAlone the years not rolled, and why
   * @param notes other things worth telling
   */
  public record Outcome(
      @Nullable Integer letterYear,
      Map<String, String> newParts,
      List<Change> changes,
      List<YearNote> yearsLeftAlone,
      List<String> notes) {}

  /** Returns the letter's year: the latest year in its name, else the most frequent in its text. */
  public static @Nullable Integer letterYear(String fileName, List<StoryText> stories) {
    List<YearFinder.Candidate> inName = YearFinder.yearsInName(baseName(fileName));
    if (!inName.isEmpty()) {
      return inName.stream().mapToInt(YearFinder.Candidate::year).max().getAsInt();
    }
    Map<Integer, Integer> counts = new HashMap<>();
    for (StoryText story : stories) {
      for (Paragraph p : story.paragraphs()) {
        for (YearFinder.Candidate c : YearFinder.years(p.text())) {
          counts.merge(c.year(), 1, Integer::sum);
        }
      }
    }
    Integer best = null;
    int bestCount = 0;
    for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
      if (e.getValue() > bestCount || (e.getValue() == bestCount && best != null && e.getKey() > best)) {
        best = e.getKey();
        bestCount = e.getValue();
      }
    }
    return best;
  }

  /** Applies the rules to the stories of one letter. */
  public Outcome run(String fileName, List<StoryText> stories) {
    Integer year = letterYear(fileName, stories);
    Map<String, String> newParts = new LinkedHashMap<>();
    List<Change> changes = new ArrayList<>();
    List<YearNote> left = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (StoryText story : stories) {
      String part = story.part().name();
      PartEditor editor = new PartEditor(story);
      for (Paragraph p : story.paragraphs()) {
        paragraph(part, p, year, editor, changes, left, notes);
      }
      if (editor.changed()) {
        newParts.put(part, editor.result());
      }
    }
    return new Outcome(year, newParts, changes, left, notes);
  }

  /** Edits to apply together; {@code year} is null for a fee sentence. */
  private record Pending(List<TextEdit> edits, @Nullable String year, String context) {}

  private void paragraph(
      String part,
      Paragraph p,
      @Nullable Integer year,
      PartEditor editor,
      List<Change> changes,
      List<YearNote> left,
      List<String> notes) {
    String text = p.text();
    String where = part + ", paragraph " + p.index();
    List<Pending> pending = new ArrayList<>();
    List<int[]> feeSpans = new ArrayList<>();

    // fee sentences first: years inside them are not rolled, the sentence is rewritten whole
    List<FeeRule.Match> fees = FeeRule.find(text);
    for (FeeRule.Match m : fees) {
      feeSpans.add(new int[] {m.start(), m.end()});
      Optional<String> sentence = feeSentence(text, m, where, notes);
      if (sentence.isPresent() && !sentence.get().equals(text.substring(m.start(), m.end()))) {
        pending.add(
            new Pending(TokenDiff.edits(text, m.start(), m.end(), sentence.get()), null, ""));
      }
    }
    if (FeeRule.mentions(text) > fees.size()) {
      int at = text.indexOf("Partner hourly rates");
      for (FeeRule.Match m : fees) {
        if (m.start() == at) {
          at = text.indexOf("Partner hourly rates", m.end());
        }
      }
      notes.add(
          where
              + ": mentions partner rates, but not in the expected fee sentence; left as it is: "
              + YearFinder.context(text, at, at + 20));
    }

    for (YearFinder.Candidate c : YearFinder.candidates(text)) {
      if (inside(feeSpans, c.start())) {
        continue;
      }
      String found = text.substring(c.start(), c.end());
      String context = YearFinder.context(text, c.start(), c.end());
      if (c.kind() == YearFinder.Kind.YEAR) {
        if (allYears || (year != null && c.year() >= year - 1 && c.year() <= year + 1)) {
          String next = Integer.toString(c.year() + 1);
          pending.add(new Pending(List.of(new TextEdit(c.start(), c.end(), next)), found, context));
        } else {
          String reason =
              year == null
                  ? "the letter's year is unknown"
                  : "outside the letter's years " + (year - 1) + "\u2013" + (year + 1);
          left.add(new YearNote(part, p.index(), found, reason, context));
        }
      } else if (c.kind() == YearFinder.Kind.ADDRESS_LINK) {
        left.add(new YearNote(part, p.index(), found, "part of a web or e-mail address", context));
      } else if (c.kind() == YearFinder.Kind.NOT_A_YEAR
          && (allYears || (year != null && c.year() >= year - 1 && c.year() <= year + 1))) {
        left.add(new YearNote(part, p.index(), found, "not a year here: " + c.reason(), context));
      }
    }
    for (YearFinder.TwoDigitYear t : YearFinder.twoDigitYears(text)) {
      if (!inside(feeSpans, t.start())) {
        String context = YearFinder.context(text, t.start(), t.end());
        left.add(new YearNote(part, p.index(), t.text(), "a two-digit year", context));
      }
    }
    if (pending.isEmpty()) {
      return;
    }
    List<List<TextEdit>> groups = new ArrayList<>(pending.size());
    for (Pending g : pending) {
      groups.add(g.edits());
    }
    List<@Nullable String> outcome = editor.apply(p, groups);
    List<TextEdit> applied = new ArrayList<>();
    for (int i = 0; i < pending.size(); i++) {
      Pending g = pending.get(i);
      String why = outcome.get(i);
      if (why == null) {
        applied.addAll(g.edits());
      } else if (g.year() != null) {
        left.add(new YearNote(part, p.index(), g.year(), "not editable: " + why, g.context()));
      } else {
        notes.add(where + ": the fee sentence could not be rewritten: " + why);
      }
    }
    if (!applied.isEmpty()) {
      String after = PartEditor.applied(text, applied);
      if (!after.equals(text)) {
        changes.add(new Change(part, p.index(), p.displayText(), Paragraph.display(after)));
      }
    }
  }

  /**
   * Returns the fee sentence to write, or empty (with a note saying why) when it is left alone:
   * the settings lack a rate, or the sentence names other partners and they are not to be
   * replaced.
   */
  private Optional<String> feeSentence(String text, FeeRule.Match m, String where, List<String> notes) {
    boolean compliance = m.kind() == FeeRule.Kind.COMPLIANCE;
    String kind = m.kind().name().toLowerCase(Locale.ROOT);
    List<PartnerRate> partners =
        compliance ? settings.compliancePartnerRates() : settings.consultingPartnerRates();
    Optional<String> associate =
        compliance ? settings.complianceAssociateRates() : settings.consultingAssociateRates();
    Optional<String> bookkeeping =
        compliance ? settings.complianceBookkeepingRates() : Optional.of("");
    if (partners.isEmpty() || associate.isEmpty() || bookkeeping.isEmpty()) {
      notes.add(
          where
              + ": the "
              + kind
              + " fee sentence was left as it is: the settings ("
              + settings.source()
              + ") have no "
              + missingKeys(m.kind()));
      return Optional.empty();
    }
    Optional<List<FeePartners.Entry>> listed =
        FeePartners.read(text, m.partnersStart(), m.partnersEnd());
    String list;
    if (listed.isPresent() && FeePartners.samePartners(listed.get(), partners)) {
      list = FeePartners.withRates(text, m.partnersStart(), listed.get(), partners);
    } else if (replacePartners) {
      list = join(partners);
    } else {
      String inLetter =
          listed.isPresent()
              ? "it names the partners " + FeePartners.names(listed.get())
              : "its partner list \""
                  + text.substring(m.partnersStart(), m.partnersEnd()).strip()
                  + "\" does not read as Name\u2013$rate entries";
      notes.add(
          where
              + ": the "
              + kind
              + " fee sentence was left as it is: "
              + inLetter
              + ", but the settings ("
              + settings.source()
              + ") name the partners "
              + partners.stream().map(PartnerRate::name).collect(Collectors.joining(", "))
              + "; to write the settings' partners and rates instead, replace the partner list"
              + " (--replace-partners, Rollover.builder().replacePartners(true))");
      return Optional.empty();
    }
    return Optional.of(
        compliance
            ? FeeRule.compliance(list, associate.get(), bookkeeping.get())
            : FeeRule.consulting(list, associate.get()));
  }

  private String missingKeys(FeeRule.Kind kind) {
    List<String> missing = new ArrayList<>();
    if (kind == FeeRule.Kind.COMPLIANCE) {
      if (settings.compliancePartnerRates().isEmpty()) {
        missing.add(Settings.COMPLIANCE_PARTNER_RATES);
      }
      if (settings.complianceAssociateRates().isEmpty()) {
        missing.add(Settings.COMPLIANCE_ASSOCIATE_RATES);
      }
      if (settings.complianceBookkeepingRates().isEmpty()) {
        missing.add(Settings.COMPLIANCE_BOOKKEEPING_RATES);
      }
    } else {
      if (settings.consultingPartnerRates().isEmpty()) {
        missing.add(Settings.CONSULTING_PARTNER_RATES);
      }
      if (settings.consultingAssociateRates().isEmpty()) {
        missing.add(Settings.CONSULTING_ASSOCIATE_RATES);
      }
    }
    return String.join(", ", missing);
  }

  private static String join(List<PartnerRate> partners) {
    return partners.stream().map(PartnerRate::asWritten).collect(Collectors.joining(", "));
  }

  private static boolean inside(List<int[]> spans, int offset) {
    for (int[] s : spans) {
      if (offset >= s[0] && offset < s[1]) {
        return true;
      }
    }
    return false;
  }

  static String baseName(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot > 0 ? fileName.substring(0, dot) : fileName;
  }
}
