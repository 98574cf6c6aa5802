using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Scalyz.SecureBuild.Analyzers.Rules.Secrets;

/// <summary>
/// Hard-coded secrets in C# code: provider tokens (SSB1001), credentials by name and by API (SSB1002), connection
/// strings (SSB1003), private keys (SSB1004), URLs with passwords (SSB1005), literal symmetric keys (SSB1007) and
/// secrets in comments (SSB1008). This runs on every keystroke, so nothing walks the syntax tree on its own: one pass
/// over each file's characters finds catalog keywords and symmetric-key API names, and only their tokens and comments
/// are looked at; the credential-name rule rides on the driver's shared node walk. None of them needs the semantic model.
/// </summary>
public sealed class HardcodedSecretAnalyzer : DiagnosticAnalyzer
{
    // What can start a keyword, a symmetric-key API name or a "key:" note, by its first three characters: the pair as
    // written (either case, (first << 7) | second) gives a slot, and the slot two words of 64 bits, one bit per third
    // character as written (127 for any non-ASCII one). A pair that starts nothing has slot 0, whose bits are all clear;
    // a pair that starts anything whatever follows (a two-character keyword, ':', '=', "--", "-p") has every bit set.
    // So the text pass decides most characters with two lookups and one branch that is rarely taken.
    private static readonly System.Lazy<(ushort[] Slots, ulong[] Thirds)> StartTable = new(BuildStartTable);

    // The first two letters (lowercase) of a symmetric-key API name (HMAC, SymmetricSecurityKey, AesGcm, ChaCha20Poly1305,
    // CreateEncryptor, Key) or of a credential pair with no ':' or '=' (password, pass:, pwd, secret, token, key, apikey,
    // credential): each is looked at only after a character that is not a letter, digit or '_'. Anything else that can
    // start one is ':', '=', '-', '<' or '/' (see SymmetricKeySinks.MayStartAt and the three MayStartAt of the credential classes).
    private static readonly bool[] OtherStartPairs = BuildOtherStartPairs();

    private static bool[] BuildOtherStartPairs()
    {
        var pairs = new bool[128 * 128];
        foreach (var start in new[] { "hm", "sy", "ae", "ch", "cr", "ke", "pa", "pw", "se", "to", "ap" })
        {
            pairs[(start[0] << 7) | start[1]] = true;
        }

        return pairs;
    }

    /// <summary>
    /// Whether a symmetric-key API name or a credential pair may start at <paramref name="i"/>: false only where
    /// SymmetricKeySinks.MayStartAt, CommentCredentials.KeyEndsAt (at ':' or '='), and the MayStartAt of
    /// CommentCredentials, GeneralCredentials and ContextCredentials are all false, so the text pass asks them nothing
    /// inside a word ("ion" of Exception, "val" of Interval) nor at words such as static, class or public that only a
    /// catalog keyword can start. <paramref name="i"/> + 1 must be in the text.
    /// </summary>
    internal static bool MayStartSinkOrPair(string text, int i)
    {
        var raw = text[i];
        return raw is >= 'a' and <= 'z' or >= 'A' and <= 'Z'
            ? text[i + 1] < 128 && OtherStartPairs[(SecretText.ToLowerAscii(raw) << 7) | SecretText.ToLowerAscii(text[i + 1])] && (i == 0 || !IsAsciiWordChar(text[i - 1]))
            : raw is ':' or '=' or '-' or '<' or '/';
    }

    private static bool IsAsciiWordChar(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_';

    private static readonly string[] TestFrameworkAssemblies = ["xunit.core", "xunit.v3.core", "nunit.framework", "Microsoft.VisualStudio.TestPlatform.TestFramework", "MSTest.TestFramework"];

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        SecretDescriptors.ProviderSecret, SecretDescriptors.Credential, SecretDescriptors.ConnectionString, SecretDescriptors.PrivateKey,
        SecretDescriptors.UrlCredentials, SecretDescriptors.SymmetricKey, SecretDescriptors.Comment);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        // Secrets leak from generated code too (scaffolded settings, designer files), so analyze it.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var isTestProject = IsTestProject(start.Compilation, start.Options);
            start.RegisterSyntaxTreeAction(tree => AnalyzeText(tree, isTestProject));
            start.RegisterSyntaxNodeAction(node => AnalyzeCredentialLiteral(node, isTestProject), SyntaxKind.StringLiteralExpression, SyntaxKind.Utf8StringLiteralExpression);
            start.RegisterSyntaxNodeAction(node => AnalyzeCredentialInterpolation(node, isTestProject), SyntaxKind.InterpolatedStringExpression);
        });
    }

    /// <summary>A test project: the IsTestProject MSBuild property (made visible by the package) or a test framework reference.</summary>
    internal static bool IsTestProject(Compilation compilation, AnalyzerOptions options)
    {
        if (options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("build_property.IsTestProject", out var value)
            && string.Equals(value, "true", System.StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var reference in compilation.ReferencedAssemblyNames)
        {
            if (System.Array.IndexOf(TestFrameworkAssemblies, reference.Name) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static SecretSettings? SettingsFor(AnalyzerOptions options, SyntaxTree tree, bool isTestProject)
    {
        var settings = SecretSettings.From(options.AnalyzerConfigOptionsProvider.GetOptions(tree));
        return (isTestProject && settings.SkipTestProjects) || settings.IsExcluded(tree.FilePath) ? null : settings;
    }

    private static void AnalyzeText(SyntaxTreeAnalysisContext context, bool isTestProject)
    {
        if (SettingsFor(context.Options, context.Tree, isTestProject) is not { } settings)
        {
            return;
        }

        var text = context.Tree.GetText(context.CancellationToken).ToString();
        SyntaxNode? root = null;
        SyntaxToken lastToken = default;
        var analyzedUntil = 0;
        var lastAnchored = -1;
        InterpolatedStringExpressionSyntax? lastInterpolated = null;
        var buckets = SecretCatalog.Default.KeywordBuckets;
        var anchoredBuckets = SecretCatalog.Default.AnchoredBuckets;
        var (slots, thirds) = StartTable.Value;
        for (var i = 0; i < text.Length - 1; i++)
        {
            if (!Starts(slots, thirds, text, i))
            {
                continue;
            }

            var raw = text[i];
            var c = SecretText.ToLowerAscii(raw);
            var next = SecretText.ToLowerAscii(text[i + 1]);

            if (c >= 128 || next >= 128 || (i < analyzedUntil && !anchoredBuckets[SecretCatalog.BucketOf(c, next)]))
            {
                continue;
            }

            var hit = HasKeywordAt(buckets[SecretCatalog.BucketOf(c, next)], text, i, out var anchored);
            if (i < analyzedUntil && !anchored)
            {
                continue;
            }

            var other = MayStartSinkOrPair(text, i);
            var sink = other && SymmetricKeySinks.MayStartAt(text, i);
            var keyEnd = other && !hit && !sink && ((c is ':' or '=' && CommentCredentials.KeyEndsAt(text, 0, i)) || CommentCredentials.MayStartAt(text, i) || GeneralCredentials.MayStartAt(text, i) || ContextCredentials.MayStartAt(text, i));
            if (!hit && !sink && !keyEnd)
            {
                continue;
            }

            root ??= context.Tree.GetRoot(context.CancellationToken);
            var token = TokenAt(root, ref lastToken, i);
            if (token.Span.Contains(i))
            {
                if (anchored && (token.IsKind(SyntaxKind.IdentifierToken) || IsStringToken(token)))
                {
                    // A provider word in a name, key or call: the literals that follow it in the same statement.
                    AnalyzeAfterProviderWord(context, text, token, i, settings, ref lastAnchored);
                }

                if (i < analyzedUntil)
                {
                    continue;
                }

                if ((hit || keyEnd) && token.Parent?.Parent is InterpolatedStringExpressionSyntax interpolated)
                {
                    // Read whole once; the literals in its holes ($"Basic {Encode("key" + ":")}") are still scanned on their own.
                    if (interpolated != lastInterpolated)
                    {
                        AnalyzeInterpolated(context, interpolated, settings);
                        lastInterpolated = interpolated;
                    }

                    analyzedUntil = token.Span.End;
                    continue;
                }

                if ((hit || keyEnd) && IsStringToken(token))
                {
                    analyzedUntil = AnalyzeLiteral(context, token, settings);
                    continue;
                }
                else if (sink && token.IsKind(SyntaxKind.IdentifierToken) && SymmetricKeySinks.IsSinkName(token.ValueText)
                    && SymmetricKeySinks.FindLiteralKey(token) is { } key)
                {
                    var target = token.ValueText == "Key" ? "the cipher's Key" : token.ValueText;
                    var variable = token.ValueText == "Key" ? "ENCRYPTION_KEY" : EnvironmentVariableName(token.ValueText + "_Key");
                    context.ReportDiagnostic(Diagnostic.Create(SecretDescriptors.SymmetricKey, key.GetLocation(), Properties(variable), target));
                }

                analyzedUntil = token.Span.End;
                continue;
            }

            if (i < analyzedUntil)
            {
                continue;
            }

            var trivia = TriviaAt(token, i);
            if (IsComment(trivia) && trivia.Span.Contains(i))
            {
                AnalyzeComment(context, text, trivia.Span, settings);
                analyzedUntil = trivia.Span.End;
            }
        }
    }

    // What root.FindToken(position) returns, the token whose full span (with its trivia) holds the position: full spans
    // tile the text, so a token that holds it is the one. The pass moves forward and most hits fall in the token or the
    // comment of the hit before, or a few tokens on, so the last one is asked first and the walk from the root is rare.
    internal static SyntaxToken TokenAt(SyntaxNode root, ref SyntaxToken last, int position)
    {
        if (last.FullSpan.Contains(position))
        {
            return last;
        }

        // Else from the nearest node around the last token that holds the position too (the same member, most often):
        // the token it finds is the one, and the root's long member lists are not walked again.
        var node = last.Parent;
        while (node is not null && !node.FullSpan.Contains(position))
        {
            node = node.Parent;
        }

        last = (node ?? root).FindToken(position);
        return last;
    }

    // What root.FindTrivia(position) returns: the trivia of the token that holds the position (see TokenAt) that holds it.
    internal static SyntaxTrivia TriviaAt(SyntaxToken token, int position)
    {
        foreach (var trivia in token.LeadingTrivia)
        {
            if (trivia.FullSpan.Contains(position))
            {
                return trivia;
            }
        }

        foreach (var trivia in token.TrailingTrivia)
        {
            if (trivia.FullSpan.Contains(position))
            {
                return trivia;
            }
        }

        return default;
    }

    // The statement after a provider word (TwilioAuthToken = "...", ["Twilio:AuthToken"] = "...", new TwilioClient("..."),
    // SetEnvironmentVariable("TWILIO_AUTH_TOKEN", "...")): plain literals among the next tokens, up to the end of the
    // statement, that match an anchored format of a provider word between the keyword and the literal.
    private static void AnalyzeAfterProviderWord(SyntaxTreeAnalysisContext context, string text, SyntaxToken token, int keywordAt, SecretSettings settings, ref int lastReported)
    {
        // A plain literal starts with its quote, or (verbatim) has it one character further, and starts within
        // ProviderWordChars after the keyword: most provider words (Token in JsonToken) have no quote that near, and
        // their tokens need not be walked.
        var quotesFrom = keywordAt + 1;
        if (text.IndexOf('"', quotesFrom, Math.Min(text.Length, quotesFrom + ProviderWordChars) - quotesFrom) < 0)
        {
            return;
        }

        var candidate = token;
        for (var n = 0; n < ProviderWordReach && candidate.SpanStart < keywordAt + ProviderWordChars && !candidate.IsKind(SyntaxKind.SemicolonToken); n++)
        {
            if (candidate.SpanStart > keywordAt && candidate.SpanStart > lastReported && IsPlainLiteral(candidate)
                && FindAnchored(text, keywordAt, candidate, settings, out var match)
                && !SecretScanner.TryFind(candidate.ValueText, 0, candidate.ValueText.Length, settings, out _))
            {
                lastReported = candidate.SpanStart;
                var value = candidate.ValueText;
                context.ReportDiagnostic(Diagnostic.Create(SecretDescriptors.ProviderSecret, candidate.GetLocation(), Properties(CredentialTargets.FindName(candidate) ?? match.Label), match.Label, match.Mask(value)));
                return;
            }

            candidate = candidate.GetNextToken();
        }
    }

    private const int ProviderWordReach = 16;

    private const int ProviderWordChars = 200;

    // The provider words between keywordAt and the literal, the literal's value matched whole; the name the literal is
    // given to (or, without one, the text in between) must not name an id, URL or public value (TwilioAccountSid).
    private static bool FindAnchored(string text, int keywordAt, SyntaxToken literal, SecretSettings settings, out SecretMatch match)
    {
        match = default;
        var value = literal.ValueText;
        var name = CredentialTargets.FindName(literal);
        if (name is not null ? SecretScanner.NamesAnIdentifier(name, 0, name.Length) : SecretScanner.NamesAnIdentifier(text, keywordAt, literal.SpanStart - keywordAt))
        {
            return false;
        }

        return SecretScanner.TryFindAnchoredValue(text, keywordAt, literal.SpanStart - keywordAt, value, 0, value.Length, settings, out match);
    }

    /// <summary>Whether the anchored path reports this literal: a provider word in the statement before it (so SSB1002 stays silent).</summary>
    private static bool HasProviderWordBefore(SyntaxToken literal, SecretSettings settings)
    {
        var text = literal.SyntaxTree!.GetText().ToString();
        var buckets = SecretCatalog.Default.KeywordBuckets;
        var token = literal.GetPreviousToken();
        for (var n = 1; n < ProviderWordReach && !token.IsKind(SyntaxKind.None) && !token.IsKind(SyntaxKind.SemicolonToken) && literal.SpanStart - token.SpanStart < ProviderWordChars; n++)
        {
            if (token.IsKind(SyntaxKind.IdentifierToken) || IsStringToken(token))
            {
                for (var i = token.SpanStart; i < token.Span.End - 1; i++)
                {
                    var c = SecretText.ToLowerAscii(text[i]);
                    var next = SecretText.ToLowerAscii(text[i + 1]);
                    if (c < 128 && next < 128 && HasKeywordAt(buckets[SecretCatalog.BucketOf(c, next)], text, i, out var anchored) && anchored
                        && FindAnchored(text, i, literal, settings, out _))
                    {
                        return true;
                    }
                }
            }

            token = token.GetPreviousToken();
        }

        return false;
    }

    private static bool IsPlainLiteral(SyntaxToken token) =>
        token.Parent is LiteralExpressionSyntax && IsStringToken(token);

    // Interpolated strings are read whole, each hole standing for one character, so a keyword and its value in
    // different parts ($"https://{user}:p4ss@{host}", $"{baseUrl}?api_key=...") are still seen together. A hole is most
    // often an id (a webhook's or a channel's number), so when nothing is found the text is read once more with each hole
    // as eighteen zeros: a format that wants digits there (discord.com/api/webhooks/{id}/<token>) then matches, and a
    // hole inside a secret never counts (a run of zeros is filler).
    private static void AnalyzeInterpolated(SyntaxTreeAnalysisContext context, InterpolatedStringExpressionSyntax interpolated, SecretSettings settings)
    {
        var value = Render(interpolated, "x", out var holes);
        if (!TryFindInText(value, settings, out var match)
            && !(holes && TryFindInText(value = Render(interpolated, "000000000000000000", out _), settings, out match)))
        {
            return;
        }

        var descriptor = SecretDescriptors.ForKind(match.Format.Kind);
        var target = CredentialTargets.FindName(interpolated.StringStartToken);
        context.ReportDiagnostic(Diagnostic.Create(descriptor, interpolated.GetLocation(), Properties(target ?? match.Label), match.Label, match.Mask(value)));
    }

    private static bool TryFindInText(string value, SecretSettings settings, out SecretMatch match) =>
        SecretScanner.TryFind(value, 0, value.Length, settings, out match)
        || CommentCredentials.TryFind(value, 0, value.Length, settings, out match, inLiteral: true)
        || GeneralCredentials.TryFind(value, 0, value.Length, settings, out match);

    private static string Render(InterpolatedStringExpressionSyntax interpolated, string hole, out bool holes)
    {
        holes = false;
        var builder = new System.Text.StringBuilder();
        foreach (var content in interpolated.Contents)
        {
            if (content is InterpolatedStringTextSyntax part)
            {
                builder.Append(part.TextToken.ValueText);
            }
            else if (content is InterpolationSyntax { Expression: LiteralExpressionSyntax literal } && literal.IsKind(SyntaxKind.StringLiteralExpression))
            {
                // $"Bearer {"..."}": a literal in a hole is part of the text.
                builder.Append(literal.Token.ValueText);
            }
            else
            {
                builder.Append(hole);
                holes = true;
            }
        }

        return builder.ToString();
    }

    private static (ushort[] Slots, ulong[] Thirds) BuildStartTable()
    {
        // Slots by the lowercase pair first; slot 0 is the empty one.
        var lowerSlots = new ushort[128 * 128];
        var thirds = new List<ulong> { 0, 0 };

        // Without a third character, the pair passes whatever follows it.
        void Add(char first, char second, char third = '\0')
        {
            var lowerFirst = SecretText.ToLowerAscii(first);
            var lowerSecond = SecretText.ToLowerAscii(second);
            if (lowerFirst >= 128 || lowerSecond >= 128)
            {
                return;
            }

            var pair = (lowerFirst << 7) | lowerSecond;
            if (lowerSlots[pair] == 0)
            {
                lowerSlots[pair] = (ushort)(thirds.Count / 2);
                thirds.Add(0);
                thirds.Add(0);
            }

            var at = lowerSlots[pair] * 2;
            if (third == '\0')
            {
                thirds[at] = thirds[at + 1] = ulong.MaxValue;
                return;
            }

            var lowerThird = SecretText.ToLowerAscii(third);
            foreach (var written in new[] { lowerThird, lowerThird is >= 'a' and <= 'z' ? (char)(lowerThird - 32) : lowerThird })
            {
                var bit = written < 128 ? written : 127;
                thirds[at + (bit >> 6)] |= 1UL << (bit & 63);
            }
        }

        foreach (var format in SecretCatalog.Default.Formats)
        {
            foreach (var keyword in format.Keywords)
            {
                Add(keyword[0], keyword[1], keyword.Length > 2 ? keyword[2] : '\0');
            }
        }

        foreach (var sink in new[] { "HMA", "Sym", "Aes", "Cha", "Cre", "Key" })
        {
            Add(sink[0], sink[1], sink[2]);
        }

        for (var next = 0; next < 128; next++)
        {
            Add(':', (char)next);
            Add('=', (char)next);
        }

        // Command-line options (--api-key, -p, -k) and .netrc's "password" word: see CommentCredentials.MayStartAt.
        Add('-', '-');
        Add('-', 'p');
        Add('-', 'k');
        Add('p', 'a', 's');
        foreach (var start in ContextCredentials.StartPairs)
        {
            Add(start[0], start[1], start[2]);
        }

        foreach (var start in GeneralCredentials.StartPairs)
        {
            Add(start[0], start[1], start.Length > 2 ? start[2] : '\0');
        }

        // Each pair as written, either case, to its lowercase pair's slot.
        var slots = new ushort[128 * 128];
        for (var first = 0; first < 128; first++)
        {
            for (var second = 0; second < 128; second++)
            {
                slots[(first << 7) | second] = lowerSlots[(SecretText.ToLowerAscii((char)first) << 7) | SecretText.ToLowerAscii((char)second)];
            }
        }

        return (slots, thirds.ToArray());
    }

    /// <summary>Whether the text pass looks further at <paramref name="i"/> (<paramref name="i"/> + 1 is in the text): see <see cref="StartTable"/>.</summary>
    internal static bool PassesStartTable(string text, int i) => Starts(StartTable.Value.Slots, StartTable.Value.Thirds, text, i);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool Starts(ushort[] slots, ulong[] thirds, string text, int i)
    {
        var raw = text[i];
        var rawNext = text[i + 1];
        if ((raw | rawNext) >= 128)
        {
            return false;
        }

        if (i + 2 >= text.Length)
        {
            // The last pair of the text passes on its own.
            return slots[(raw << 7) | rawNext] != 0;
        }

        var third = text[i + 2] < 128 ? text[i + 2] : 127;
        return (thirds[(slots[(raw << 7) | rawNext] << 1) | (third >> 6)] & (1UL << (third & 63))) != 0;
    }

    internal static bool HasKeywordAt((string Keyword, SecretFormat Format, bool NeedsBoundary)[] bucket, string text, int index, out bool anchored)
    {
        var hit = false;
        anchored = false;
        for (var k = 0; k < bucket.Length; k++)
        {
            // The bucket holds the keywords that start with the two (lowercased) characters at index: compare the rest.
            var keyword = bucket[k].Keyword;
            if ((!bucket[k].NeedsBoundary || index == 0 || !SecretScanner.IsAlphanumeric(text[index - 1]))
                && index + keyword.Length <= text.Length && HasRestAt(text, index, keyword))
            {
                var format = bucket[k].Format;
                hit = true;
                if (format.IsAnchored && SecretScanner.IsWordStart(text, index))
                {
                    anchored = true;
                    return true;
                }
            }
        }

        return hit;
    }

    private static bool HasRestAt(string text, int index, string keyword)
    {
        for (var j = 2; j < keyword.Length; j++)
        {
            if (SecretText.ToLowerAscii(text[index + j]) != keyword[j])
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsStringToken(SyntaxToken token)
    {
        switch (token.Kind())
        {
            case SyntaxKind.StringLiteralToken:
            case SyntaxKind.InterpolatedStringTextToken:
            case SyntaxKind.SingleLineRawStringLiteralToken:
            case SyntaxKind.MultiLineRawStringLiteralToken:
            case SyntaxKind.Utf8StringLiteralToken:
            case SyntaxKind.Utf8SingleLineRawStringLiteralToken:
            case SyntaxKind.Utf8MultiLineRawStringLiteralToken:
                return true;
            default:
                return false;
        }
    }

    private static bool IsComment(SyntaxTrivia trivia)
    {
        switch ((SyntaxKind)trivia.RawKind)
        {
            case SyntaxKind.SingleLineCommentTrivia:
            case SyntaxKind.MultiLineCommentTrivia:
            case SyntaxKind.SingleLineDocumentationCommentTrivia:
            case SyntaxKind.MultiLineDocumentationCommentTrivia:
                return true;
            default:
                return false;
        }
    }

    // Returns where the text pass may go on: after the literal, or after the whole concatenation it was read with.
    private static int AnalyzeLiteral(SyntaxTreeAnalysisContext context, SyntaxToken token, SecretSettings settings)
    {
        var value = token.ValueText;
        if (SecretScanner.TryFind(value, 0, value.Length, settings, out var match)
            || (value.Length < 4096 && CommentCredentials.TryFind(value, 0, value.Length, settings, out match, inLiteral: true))
            || (value.Length < 4096 && GeneralCredentials.TryFind(value, 0, value.Length, settings, out match)))
        {
            var descriptor = SecretDescriptors.ForKind(match.Format.Kind);
            var target = CredentialTargets.FindName(token);
            context.ReportDiagnostic(Diagnostic.Create(descriptor, token.GetLocation(), Properties(target ?? match.Label), match.Label, match.Mask(value)));
            return token.Span.End;
        }

        // "https://...&sig=" + sig, "AccountKey=" + key + ";": the keyword ends one literal and its value is the next, so a
        // concatenation of literals is read whole like an interpolated string (each other operand one character).
        if (token.Parent?.Parent is not BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } add)
        {
            return token.Span.End;
        }

        while (add.Parent is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } outer)
        {
            add = outer;
        }

        var builder = new System.Text.StringBuilder();
        var parts = new List<(int Offset, SyntaxToken Token)>();
        if (!AppendConcatenation(add, builder, parts) || builder.Length >= 4096)
        {
            return add.Span.End;
        }

        value = builder.ToString();
        if (TryFindInText(value, settings, out match) && !IsNamedByConcatenation(parts, match.Start))
        {
            var descriptor = SecretDescriptors.ForKind(match.Format.Kind);
            var target = CredentialTargets.FindName(token);
            context.ReportDiagnostic(Diagnostic.Create(descriptor, add.GetLocation(), Properties(target ?? match.Label), match.Label, match.Mask(value)));
        }

        return add.Span.End;
    }

    // The text of a + chain: string literals as written, any other operand as one character. False if it has no second literal.
    // The literal that holds the secret is already judged by name when its own target or the text before it names a
    // credential ("?api_key=" + "...", "Authorization: Bearer " + "..."): SSB1002 reports it there, once.
    private static bool IsNamedByConcatenation(List<(int Offset, SyntaxToken Token)> parts, int secretStart)
    {
        for (var k = parts.Count - 1; k >= 0; k--)
        {
            if (parts[k].Offset <= secretStart)
            {
                return CredentialTargets.Find(parts[k].Token).Kind != CredentialKind.None;
            }
        }

        return false;
    }

    private static bool AppendConcatenation(ExpressionSyntax expression, System.Text.StringBuilder builder, List<(int Offset, SyntaxToken Token)> parts)
    {
        var literals = 0;
        var stack = new Stack<ExpressionSyntax>();
        stack.Push(expression);
        while (stack.Count > 0 && builder.Length < 4096)
        {
            var node = stack.Pop();
            if (node is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } binary)
            {
                stack.Push(binary.Right);
                stack.Push(binary.Left);
            }
            else if (node is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression))
            {
                parts.Add((builder.Length, literal.Token));
                builder.Append(literal.Token.ValueText);
                literals++;
            }
            else
            {
                builder.Append('x');
            }
        }

        return literals > 1 || (literals == 1 && builder.Length > 1);
    }

    private static void AnalyzeComment(SyntaxTreeAnalysisContext context, string text, TextSpan span, SecretSettings settings)
    {
        if (SecretScanner.TryFind(text, span.Start, span.Length, settings, out var match)
            || CommentCredentials.TryFind(text, span.Start, span.Length, settings, out match)
            || GeneralCredentials.TryFind(text, span.Start, span.Length, settings, out match, inComment: true))
        {
            var location = Location.Create(context.Tree, new TextSpan(match.Start, match.Length));
            context.ReportDiagnostic(Diagnostic.Create(SecretDescriptors.Comment, location, match.Label, match.Mask(text)));
        }
    }

    // Literals with no catalog keyword that a credential-named target or credential API receives.
    private static void AnalyzeCredentialLiteral(SyntaxNodeAnalysisContext context, bool isTestProject)
    {
        var token = ((LiteralExpressionSyntax)context.Node).Token;
        var value = token.ValueText;
        if (value.Length < 6 || value.Length > 1000)
        {
            return;
        }

        var (name, kind) = CredentialTargets.Find(token);
        if (name is null && CredentialTargets.IsSecureStringSource(token))
        {
            (name, kind) = (CredentialTargets.SecureStringLabel, CredentialKind.Password);
        }

        if (name is null && value.IndexOf(':') is var colon and > 0 && colon < value.Length - 6 && token.Parent is LiteralExpressionSyntax literal
            && CredentialTargets.IsBasicCredentialText(literal))
        {
            // Encoding.UTF8.GetBytes("user:p4ss") on its way to Convert.ToBase64String: the password after the colon.
            (name, kind, value) = (CredentialTargets.BasicCredentialsLabel, CredentialKind.Password, value.Substring(colon + 1));
        }

        if ((name is null || kind == CredentialKind.None) && value.Length >= 16 && value.IndexOf(' ') < 0 && CredentialTargets.IsPositionalArgument(token)
            && (CredentialNames.IsSecretValue(CredentialKind.Password, value, SecretSettings.Default) || CredentialTargets.IsLongIdShaped(value))
            && CredentialTargets.FindParameter(token, context.SemanticModel, context.CancellationToken) is { Name: not null } parameter)
        {
            // new WiseClient("..."), client.Connect("..."), conn.Bind(dn, "..."): the parameter the argument binds to names
            // it, also when a sibling argument (the DN) was taken for a key that names nothing. The semantic model is asked
            // only for values that could be a secret at all.
            (name, kind) = parameter;
        }

        // A name with a credential word anywhere (AesKeyHex, PayerKeypair) given a strongly random value.
        var loose = name is not null && kind == CredentialKind.None && value.Length >= 32;
        if (name is null || (kind == CredentialKind.None && !loose) || SettingsFor(context.Options, context.Node.SyntaxTree, isTestProject) is not { } settings
            || (loose ? !GeneralCredentials.IsLooseCredential(name, value, settings) : !(CredentialNames.IsSecretValue(kind, value, settings) || CredentialNames.IsProviderGuidPassword(name, kind, value, settings)))
            || CredentialNames.IsFixturePassword(name, kind, value)
            || SecretScanner.TryFind(value, 0, value.Length, settings, out _)
            || CommentCredentials.TryFind(value, 0, value.Length, settings, out _, inLiteral: true)
            || (value.Length < 4096 && GeneralCredentials.TryFind(value, 0, value.Length, settings, out _))
            || HasProviderWordBefore(token, settings))
        {
            return;
        }

        var what = CredentialTargets.IsApiLabel(name) ? name : "'" + name + "'";
        context.ReportDiagnostic(Diagnostic.Create(SecretDescriptors.Credential, token.GetLocation(), Properties(name), what, SecretText.Mask(value, 0, value.Length)));
    }

    // An interpolated string given to a credential name ($"{region}-Xq7Lm2...", $"Xq7Lm2..." with no holes): its longest
    // literal part is judged as the value, so a secret written next to a hole is still seen.
    private static void AnalyzeCredentialInterpolation(SyntaxNodeAnalysisContext context, bool isTestProject)
    {
        var interpolated = (InterpolatedStringExpressionSyntax)context.Node;
        string? value = null;
        foreach (var content in interpolated.Contents)
        {
            if (content is InterpolatedStringTextSyntax part && part.TextToken.ValueText.Length is >= 6 and <= 1000
                && (value is null || part.TextToken.ValueText.Length > value.Length))
            {
                value = part.TextToken.ValueText;
            }
        }

        if (value is null)
        {
            return;
        }

        var (name, kind) = CredentialTargets.Find(interpolated.StringStartToken);
        if (name is null && CredentialTargets.IsBasicCredentialText(interpolated) && interpolated.Contents.Last() is InterpolatedStringTextSyntax last
            && last.TextToken.ValueText is var tail && tail.LastIndexOf(':') is var colon and >= 0)
        {
            // Encoding.UTF8.GetBytes($"{user}:p4ss") on its way to Convert.ToBase64String: Basic credentials, the password after the colon.
            (name, kind, value) = (CredentialTargets.BasicCredentialsLabel, CredentialKind.Password, tail.Substring(colon + 1));
        }

        if (name is null || kind == CredentialKind.None || SettingsFor(context.Options, context.Node.SyntaxTree, isTestProject) is not { } settings
            || !CredentialNames.IsSecretValue(kind, value, settings)
            || SecretScanner.TryFind(value, 0, value.Length, settings, out _)
            || CommentCredentials.TryFind(value, 0, value.Length, settings, out _, inLiteral: true)
            || GeneralCredentials.TryFind(value, 0, value.Length, settings, out _))
        {
            return;
        }

        var what = CredentialTargets.IsApiLabel(name) ? name : "'" + name + "'";
        context.ReportDiagnostic(Diagnostic.Create(SecretDescriptors.Credential, interpolated.GetLocation(), Properties(name), what, SecretText.Mask(value, 0, value.Length)));
    }

    private static ImmutableDictionary<string, string?> Properties(string name) =>
        ImmutableDictionary<string, string?>.Empty.Add(SecretDescriptors.EnvironmentVariableProperty, EnvironmentVariableName(name));

    /// <summary>SCREAMING_SNAKE_CASE of a name or label ("stripeKey" and "Stripe secret key" give STRIPE_KEY and STRIPE_SECRET_KEY).</summary>
    internal static string EnvironmentVariableName(string name)
    {
        if (name.StartsWith("The ", System.StringComparison.Ordinal))
        {
            name = name.Substring(4);
        }

        var builder = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsLetterOrDigit(c) && c < 128)
            {
                if (char.IsUpper(c) && i > 0 && char.IsLower(name[i - 1]) && builder.Length > 0 && builder[builder.Length - 1] != '_')
                {
                    builder.Append('_');
                }

                builder.Append(char.ToUpperInvariant(c));
            }
            else if (builder.Length > 0 && builder[builder.Length - 1] != '_')
            {
                builder.Append('_');
            }
        }

        var result = builder.ToString().Trim('_');
        return result.Length == 0 || char.IsDigit(result[0]) ? "SECRET_" + result : result;
    }
}

/// <summary>
/// "Name: value", "NAME=value", "export NAME=value", "Section:Key = value", "Authorization: Bearer ..." and URL query
/// parameters (?api_key=..., &amp;sig=...) written in comments, string literals, interpolated strings and configuration
/// values: the whole name before the ':' or '=' is classified as a credential name (any case style), and the value
/// judged as a literal given to that name would be. No regular expression: a ':' or '=' is looked at only after a
/// word ending like a credential name, and only those are read back.
/// </summary>
internal static class CommentCredentials
{
    private static readonly SecretFormat Format = new(-1, "comment-credential", SecretKind.Header, "Credential", ImmutableArray<string>.Empty, 0, false, ImmutableHashSet<string>.Empty, string.Empty);

    // Names that are credentials only as URL query parameters (a SAS signature, an Azure Functions key, ...).
    private static readonly string[] QueryOnlyNames = ["sig", "signature", "code", "key", "auth", "apikey", "api-key", "x-api-key", "access_token", "accesstoken", "hapikey"];

    private const int MaxNameLength = 120;

    /// <summary>
    /// Finds a credential pair in <paramref name="text"/>[start..+length]; <paramref name="inLiteral"/> (string literals,
    /// URLs, configuration values) also asks that a ':' be followed by a space, so configuration paths
    /// ("Password:Policy", "Jwt:Secret") are not read as pairs.
    /// </summary>
    public static bool TryFind(string text, int start, int length, SecretSettings settings, out SecretMatch match, bool inLiteral = false)
    {
        match = default;
        var end = start + length;
        for (var i = start; i < end; i++)
        {
            if (text[i] == ' ' && i > start && text[i - 1] != ' ')
            {
                // Command lines in comments and strings: --api-key <key>, --password <p>, docker login -u u -p <p>, choco apikey -k <key>;
                // .netrc entries anywhere: machine h login u password p.
                if (TryFlag(text, start, end, i, settings, out match) || TryNetrcPassword(text, start, end, i, settings, out match))
                {
                    return true;
                }

                continue;
            }

            if (text[i] == ':' && TryPgpassLine(text, start, end, i, settings, out match))
            {
                return true;
            }

            if (text[i] is not (':' or '=') || !KeyEndsAt(text, start, i))
            {
                continue;
            }

            if (inLiteral && text[i] == ':' && i + 1 < end && text[i + 1] is not (' ' or '\t') && !IsJsonMember(text, start, end, i))
            {
                continue;
            }

            if (TryPair(text, start, end, i, settings, out match))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a credential pair that has no ':' or '=' after its name may start at <paramref name="i"/>: a
    /// credential-named long option (--api-key), -p or -k as a word, a whole word "password" followed by a space
    /// (.netrc), or the colon after a .pgpass port (host:5432:).
    /// </summary>
    public static bool MayStartAt(string text, int i)
    {
        var c = text[i];
        if (c == '-')
        {
            if (i == 0 || text[i - 1] != ' ' || i + 2 >= text.Length)
            {
                return false;
            }

            if (text[i + 1] is 'p' or 'k')
            {
                return text[i + 2] == ' ';
            }

            var nameEnd = i + 2;
            while (nameEnd < text.Length && nameEnd - i < 40 && IsNameChar(text[nameEnd]))
            {
                nameEnd++;
            }

            return nameEnd < text.Length && text[nameEnd] == ' ' && KeyEndsAt(text, i, nameEnd);
        }

        if (c is 'p' or 'P')
        {
            return i > 0 && char.IsWhiteSpace(text[i - 1]) && i + 9 < text.Length && text[i + 8] == ' '
                && string.CompareOrdinal(text, i, "password", 0, 8) == 0;
        }

        return c == ':' && i > 1 && text[i - 1] is >= '0' and <= '9' or '*' && IsPortAfterHost(text, i);
    }

    private static bool IsPortAfterHost(string text, int colon)
    {
        var portStart = colon;
        while (portStart > 0 && colon - portStart < 6 && text[portStart - 1] is >= '0' and <= '9' or '*')
        {
            portStart--;
        }

        return portStart > 1 && text[portStart - 1] == ':' && IsNameChar(text[portStart - 2]);
    }

    // .netrc: "password <p>" after "machine <host>" and "login <user>" (one line or several).
    private static bool TryNetrcPassword(string text, int start, int end, int space, SecretSettings settings, out SecretMatch match)
    {
        match = default;
        const string Password = "password";
        var wordStart = space - Password.Length;
        if (wordStart < start || text[space - 1] != 'd' || string.CompareOrdinal(text, wordStart, Password, 0, Password.Length) != 0
            || (wordStart > start && !char.IsWhiteSpace(text[wordStart - 1]))
            || !HasNetrcEntryBefore(text, start, wordStart))
        {
            return false;
        }

        var valueStart = space;
        while (valueStart < end && text[valueStart] == ' ')
        {
            valueStart++;
        }

        var valueEnd = valueStart;
        while (valueEnd < end && !char.IsWhiteSpace(text[valueEnd]) && text[valueEnd] != '"')
        {
            valueEnd++;
        }

        if (valueEnd - valueStart < 6 || !CredentialNames.IsSecretValue(CredentialKind.Password, text.Substring(valueStart, valueEnd - valueStart), settings))
        {
            return false;
        }

        match = new SecretMatch(Format, valueStart, valueEnd - valueStart, null);
        return true;
    }

    // "machine <host>" and "login <user>" before the password word: in the same text, or (a .netrc quoted in a run of
    // // comment lines, one trivia each) in the up to three comment lines just above it.
    private static bool HasNetrcEntryBefore(string text, int start, int wordStart)
    {
        if (SecretText.IndexOfIgnoreCase(text, start, wordStart - start, "machine ") >= 0 && SecretText.IndexOfIgnoreCase(text, start, wordStart - start, "login ") >= 0)
        {
            return true;
        }

        // Each line above holds one netrc word at its start: "// machine <host>", "// login <user>".
        var from = start > 0 ? text.LastIndexOf('\n', start - 1) + 1 : 0;
        bool machine = false, login = false;
        for (var lines = 0; lines < 3 && from > 1 && text[from - 1] == '\n' && !(machine && login); lines++)
        {
            var lineEnd = from - 1;
            var lineStart = text.LastIndexOf('\n', lineEnd - 1) + 1;
            var first = lineStart;
            while (first < lineEnd && text[first] is ' ' or '\t')
            {
                first++;
            }

            if (first + 1 >= lineEnd || text[first] != '/' || text[first + 1] != '/')
            {
                break;
            }

            first += 2;
            while (first < lineEnd && text[first] is ' ' or '\t')
            {
                first++;
            }

            machine |= string.CompareOrdinal(text, first, "machine ", 0, 8) == 0;
            login |= string.CompareOrdinal(text, first, "login ", 0, 6) == 0;
            from = lineStart;
        }

        return machine && login;
    }

    // .pgpass: hostname:port:database:username:password on one line, the port a number or '*'. Read from the line's
    // second colon, which follows the port.
    private static bool TryPgpassLine(string text, int start, int end, int colon, SecretSettings settings, out SecretMatch match)
    {
        match = default;
        var portEnd = colon;
        var portStart = portEnd;
        while (portStart > start && text[portStart - 1] is >= '0' and <= '9')
        {
            portStart--;
        }

        if (portStart == portEnd && portStart > start && text[portStart - 1] == '*')
        {
            portStart--;
        }

        if (portEnd - portStart is < 1 or > 5 || portStart - 1 <= start || text[portStart - 1] != ':')
        {
            return false;
        }

        // The host before the port: name characters back to the line start.
        var hostStart = portStart - 1;
        while (hostStart > start && (IsNameChar(text[hostStart - 1]) || text[hostStart - 1] == '*'))
        {
            hostStart--;
        }

        if (hostStart == portStart - 1 || (hostStart > start && !char.IsWhiteSpace(text[hostStart - 1])))
        {
            return false;
        }

        // Database and user fields, then the password to the end of the line.
        var at = colon + 1;
        for (var field = 0; field < 2; field++)
        {
            var fieldStart = at;
            while (at < end && (IsNameChar(text[at]) || text[at] == '*'))
            {
                at++;
            }

            if (at == fieldStart || at >= end || text[at] != ':')
            {
                return false;
            }

            at++;
        }

        var valueEnd = at;
        while (valueEnd < end && text[valueEnd] is not ('\r' or '\n' or ' ' or '"'))
        {
            valueEnd++;
        }

        if (valueEnd - at < 6 || text.IndexOf(':', at, valueEnd - at) >= 0
            || !CredentialNames.IsSecretValue(CredentialKind.Password, text.Substring(at, valueEnd - at), settings))
        {
            return false;
        }

        match = new SecretMatch(Format, at, valueEnd - at, null);
        return true;
    }

    // A long option named like a credential (--api-key, --client-secret, --token), or -p / -k on a line that logs in or
    // sets an API key, followed by its value.
    private static bool TryFlag(string text, int start, int end, int space, SecretSettings settings, out SecretMatch match)
    {
        match = default;
        var nameStart = space;
        while (nameStart > start && IsNameChar(text[nameStart - 1]))
        {
            nameStart--;
        }

        if (space - nameStart < 2 || text[nameStart] != '-' || (nameStart > start && text[nameStart - 1] != ' '))
        {
            return false;
        }

        CredentialKind kind;
        if (space - nameStart == 2)
        {
            var lineStart = text.LastIndexOf('\n', nameStart - 1, nameStart - start) + 1;
            var flag = text[nameStart + 1];
            kind = flag == 'p' && SecretText.IndexOfIgnoreCase(text, lineStart, nameStart - lineStart, " login ") >= 0 ? CredentialKind.Password
                : flag == 'k' && SecretText.IndexOfIgnoreCase(text, lineStart, nameStart - lineStart, "apikey") >= 0 ? CredentialKind.Key
                : CredentialKind.None;
        }
        else
        {
            kind = text[nameStart + 1] == '-' && KeyEndsAt(text, start, space) ? CredentialNames.Classify(text.Substring(nameStart + 2, space - nameStart - 2)) : CredentialKind.None;
        }

        if (kind == CredentialKind.None)
        {
            return false;
        }

        var valueStart = space + 1;
        if (valueStart < end && text[valueStart] is '"' or '\'')
        {
            valueStart++;
        }

        var valueEnd = valueStart;
        while (valueEnd < end && valueEnd - valueStart < 1000 && text[valueEnd] is not (' ' or '\t' or '\r' or '\n' or '"' or '\''))
        {
            valueEnd++;
        }

        if (valueEnd - valueStart < 6 || !CredentialNames.IsSecretValue(kind, text.Substring(valueStart, valueEnd - valueStart), settings))
        {
            return false;
        }

        match = new SecretMatch(Format, valueStart, valueEnd - valueStart, null);
        return true;
    }

    private static bool TryPair(string text, int start, int end, int separator, SecretSettings settings, out SecretMatch match)
    {
        match = default;

        // The name: back over spaces and a closing quote, then over name characters (a ':' only between name parts).
        var nameEnd = separator;
        while (nameEnd > start && nameEnd > separator - 4 && text[nameEnd - 1] == ' ')
        {
            nameEnd--;
        }

        if (nameEnd > start && text[nameEnd - 1] is '"' or '\'')
        {
            nameEnd--;
        }

        var nameStart = nameEnd;
        while (nameStart > start && nameEnd - nameStart < MaxNameLength
               && (IsNameChar(text[nameStart - 1]) || (text[nameStart - 1] == ':' && nameStart - 1 > start && IsNameChar(text[nameStart - 2]))))
        {
            nameStart--;
        }

        // Up to two words before, one space apart, belong to the name: "api key:", "Twilio auth token:".
        var bareStart = nameStart;
        for (var words = 0; words < 2 && nameStart - 2 > start && text[nameStart - 1] == ' ' && IsLetter(text[nameStart - 2]); words++)
        {
            var wordStart = nameStart - 1;
            while (wordStart > start && IsLetter(text[wordStart - 1]) && nameStart - wordStart < 20)
            {
                wordStart--;
            }

            if (wordStart > start && IsLetter(text[wordStart - 1]))
            {
                break;
            }

            nameStart = wordStart;
        }

        while (nameStart < nameEnd && !IsLetter(text[nameStart]))
        {
            nameStart++;
        }

        if (nameEnd - nameStart < 2)
        {
            return false;
        }

        // The value: after spaces and an opening quote; an authorization scheme ("Bearer ") is read with it.
        var valueStart = separator + 1;
        while (valueStart < end && valueStart < separator + 4 && text[valueStart] == ' ')
        {
            valueStart++;
        }

        if (valueStart < end && text[valueStart] is '"' or '\'')
        {
            valueStart++;
        }

        // A query parameter's value ends at the next '&'; elsewhere '&' may be part of a password.
        var isQuery = IsQueryParameter(text, start, nameStart);
        var valueEnd = valueStart;
        var schemeChecked = false;
        while (valueEnd < end && valueEnd - valueStart < 1000)
        {
            var c = text[valueEnd];
            if (c == ' ' && !schemeChecked)
            {
                schemeChecked = true;
                if (IsScheme(text, valueStart, valueEnd - valueStart))
                {
                    while (valueEnd < end && text[valueEnd] == ' ')
                    {
                        valueEnd++;
                    }

                    continue;
                }
            }

            if (c is ' ' or '\t' or '\r' or '\n' or '"' or '\'' or '<' or '>' or ',' or ';' || (c == '&' && isQuery) || (c == '*' && valueEnd + 1 < end && text[valueEnd + 1] == '/'))
            {
                break;
            }

            valueEnd++;
        }

        if (valueEnd - valueStart < 6)
        {
            return false;
        }

        var name = text.Substring(nameStart, nameEnd - nameStart);
        var kind = CredentialNames.Classify(name);
        if (kind == CredentialKind.None && bareStart > nameStart && bareStart < nameEnd)
        {
            // The words before were another pair's value ("user=svc_reporting pass=..."): the name alone decides.
            name = text.Substring(bareStart, nameEnd - bareStart);
            kind = CredentialNames.Classify(name);
        }

        if (kind == CredentialKind.None && IsKeyAfterUserName(text, start, nameStart, name))
        {
            kind = CredentialKind.Key;
        }

        if (kind == CredentialKind.None && isQuery && IsQueryOnlyName(name))
        {
            kind = CredentialKind.Key;
        }

        if (kind == CredentialKind.None || !CredentialNames.IsSecretValue(kind, text.Substring(valueStart, valueEnd - valueStart), settings))
        {
            return false;
        }

        match = new SecretMatch(Format, valueStart, valueEnd - valueStart, null);
        return true;
    }

    // A bare "key" right after a user name in the same object or line is the user's API key, the pair a login takes
    // ({"username":"...","key":"..."} of kaggle.json, user=... key=...): on its own, "key" names a lookup key.
    private static bool IsKeyAfterUserName(string text, int start, int nameStart, string name)
    {
        if (!string.Equals(name, "key", System.StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var from = System.Math.Max(start, nameStart - 80);
        return SecretText.IndexOfIgnoreCase(text, from, nameStart - from, "username") >= 0 || SecretText.IndexOfIgnoreCase(text, from, nameStart - from, "\"user\"") >= 0
            || SecretText.IndexOfIgnoreCase(text, from, nameStart - from, "user=") >= 0;
    }

    private static bool IsLetter(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';

    private static bool IsNameChar(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' or '-' or '.';

    // "password":"..." in a JSON body held by a string: the colon between a quoted name and a quoted value is a pair,
    // where in other literals a ':' with no space after it is a configuration path ("Jwt:Secret").
    private static bool IsJsonMember(string text, int start, int end, int colon)
    {
        var after = colon + 1;
        var before = colon - 1;
        return before > start && after < end && text[before] == '"' && text[after] == '"' && text.IndexOf('{', start, before - start) >= 0;
    }

    private static bool IsScheme(string text, int start, int length) =>
        length is >= 3 and <= 8 && CredentialNames.SchemeLength(text.Substring(start, Math.Min(text.Length - start, length + 17))) > 0;

    // ?name= or &name= (also &amp;name= in XML).
    private static bool IsQueryParameter(string text, int start, int nameStart) =>
        nameStart > start && (text[nameStart - 1] is '?' or '&'
            || (text[nameStart - 1] == ';' && nameStart - 5 >= start && string.CompareOrdinal(text, nameStart - 5, "&amp;", 0, 5) == 0));

    private static bool IsQueryOnlyName(string name)
    {
        foreach (var candidate in QueryOnlyNames)
        {
            if (candidate.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] KeyEndings =
    [
        "password", "pwd", "passwd", "passphrase", "passcode", "secret", "key", "token", "authorization", "credential", "credentials",
        "auth", "pass", "pw", "pat", "creds",
    ];

    private static readonly string[] QueryOnlyEndings = ["sig", "signature", "code"];

    // The endings above by their last (lowercase) letter: most '=' and ':' in code follow a name that ends otherwise,
    // and are turned away by one lookup.
    private static readonly string[][] EndingsByLastLetter = BuildEndingsByLastLetter();

    private static string[][] BuildEndingsByLastLetter()
    {
        var table = new string[26][];
        for (var letter = 0; letter < 26; letter++)
        {
            var c = (char)('a' + letter);
            table[letter] = [.. System.Linq.Enumerable.Where(KeyEndings, w => w[w.Length - 1] == c), .. System.Linq.Enumerable.Where(QueryOnlyEndings, w => w[w.Length - 1] == c)];
        }

        return table;
    }

    /// <summary>
    /// Whether the ':' or '=' at <paramref name="i"/> follows (up to three spaces and a quote after) a word ending like a
    /// credential name, or a query parameter that is one (?sig=, &amp;code=).
    /// </summary>
    public static bool KeyEndsAt(string text, int start, int i)
    {
        var end = i;
        while (end > start && end > i - 4 && text[end - 1] == ' ')
        {
            end--;
        }

        if (end > start && text[end - 1] is '"' or '\'')
        {
            end--;

            // A JSON body inside a regular C# literal: {\"password\":\"...\"}.
            if (end > start && text[end - 1] == '\\')
            {
                end--;
            }
        }

        if (end - start < 2 || !(text[end - 1] is >= 'a' and <= 'z' or >= 'A' and <= 'Z'))
        {
            return false;
        }

        foreach (var word in EndingsByLastLetter[SecretText.ToLowerAscii(text[end - 1]) - 'a'])
        {
            if (EndsWithIgnoreCase(text, start, end, word)
                && (System.Array.IndexOf(QueryOnlyEndings, word) < 0 || (end - word.Length > start && text[end - word.Length - 1] is '?' or '&' or ';')))
            {
                return true;
            }
        }

        return false;
    }

    private static bool EndsWithIgnoreCase(string text, int start, int end, string word) =>
        end - start >= word.Length && SecretText.IndexOfIgnoreCase(text, end - word.Length, word.Length, word) == end - word.Length;
}
