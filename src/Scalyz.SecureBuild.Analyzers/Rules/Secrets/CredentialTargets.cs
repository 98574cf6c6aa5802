using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Scalyz.SecureBuild.Analyzers.Rules.Secrets;

/// <summary>
/// Where a string literal goes, by syntax only: the credential-like name it is given to (variable, field, property,
/// parameter default, assignment, named argument, attribute argument, anonymous-object member, dictionary key,
/// configuration key, comparison) or the credential API it is passed to (NetworkCredential, X509Certificate2,
/// AuthenticationHeaderValue).
/// </summary>
internal static class CredentialTargets
{
    public const string NetworkCredentialLabel = "The NetworkCredential password";
    public const string CertificateLabel = "The certificate password";

    public const string EncryptedKeyLabel = "The private key password";
    public const string AuthorizationLabel = "The authorization header";

    /// <summary>The name or API the literal is given to, with what that name asks of its value; (null, None) when neither.</summary>
    public static (string? Name, CredentialKind Kind) Find(SyntaxToken literal)
    {
        var expression = Climb(literal.Parent as ExpressionSyntax);
        if (expression?.Parent is ArgumentSyntax { NameColon: null } argument && ApiLabel(argument) is { } label)
        {
            return (label, CredentialKind.Password);
        }

        if (expression is not null && IsBasicCredentialUser(expression))
        {
            return (BasicCredentialsUserLabel, CredentialKind.Key);
        }

        if (expression?.Parent is ArgumentSyntax { NameColon: null } cookieValue && IsSessionCookieValue(cookieValue))
        {
            return (SessionCookieLabel, CredentialKind.Key);
        }

        if (expression is not null && IsBasicCredentialPassword(expression))
        {
            return (BasicCredentialsLabel, CredentialKind.Password);
        }

        var name = FindName(literal);
        return name is null ? (null, CredentialKind.None) : (name, CredentialNames.Classify(name));
    }

    /// <summary>Whether the literal is a positional argument of a call or object creation (after parentheses, casts and fallbacks).</summary>
    public static bool IsPositionalArgument(SyntaxToken literal) =>
        Climb(literal.Parent as ExpressionSyntax)?.Parent is ArgumentSyntax { NameColon: null, Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax } };

    // Types whose constructor takes a service credential: a bare 'key' parameter there is the API key (new OpenAIClient(key)).
    private static readonly string[] ClientTypeSuffixes = ["Client", "Credential", "Credentials", "Authenticator", "Api", "Service", "Connection", "Sdk", "Context"];

    /// <summary>
    /// The parameter a positional argument binds to, classified (apiKey, token, password; a bare 'key' of a client
    /// type's constructor counts as an API key). Asks the semantic model, so callers first make sure the value could be a secret.
    /// </summary>
    public static (string? Name, CredentialKind Kind) FindParameter(SyntaxToken literal, SemanticModel model, System.Threading.CancellationToken cancellationToken)
    {
        var argument = (ArgumentSyntax)Climb(literal.Parent as ExpressionSyntax)!.Parent!;
        var list = (ArgumentListSyntax)argument.Parent!;
        if (model.GetSymbolInfo(list.Parent!, cancellationToken).Symbol is not IMethodSymbol method)
        {
            return (null, CredentialKind.None);
        }

        var index = list.Arguments.IndexOf(argument);
        var parameters = method.Parameters;
        if (parameters.Length == 0 || (index >= parameters.Length && !parameters[parameters.Length - 1].IsParams))
        {
            return (null, CredentialKind.None);
        }

        var parameter = parameters[System.Math.Min(index, parameters.Length - 1)];
        if (parameter.Type.SpecialType != SpecialType.System_String && !IsUtf8Bytes(parameter.Type))
        {
            return (null, CredentialKind.None);
        }

        var name = parameter.Name;
        var kind = CredentialNames.Classify(name);
        if (kind == CredentialKind.None && name is "key" or "Key" && method.MethodKind == MethodKind.Constructor && HasClientSuffix(method.ContainingType.Name)
            && (!IsIdShaped(literal.ValueText) || IsCredentialHolder(method.ContainingType.Name, literal.ValueText)))
        {
            return (method.ContainingType.Name + " key", CredentialKind.Key);
        }

        return kind == CredentialKind.None ? (null, kind) : (name, kind);
    }

    // A bare 'key' says less than apiKey: GUIDs and hex strings given to it may as well be ids or hashes.
    private static bool IsIdShaped(string value)
    {
        foreach (var c in value)
        {
            if (c is not (>= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    // A client, credential or authenticator type is built to hold a credential: a GUID or 32 hex digits given to its
    // bare 'key' is the API key (new CronitorClient("<32 hex>")), where a dictionary's or a cache's key of the same shape is
    // a lookup id (those are not constructors of such types, and stay out).
    // Only a GUID or 32 hex digits: 40 and 64 are the lengths of the commit SHAs and SHA-256 digests passed around as keys.
    private static bool IsCredentialHolder(string typeName, string value) =>
        value.Length is 32 or 36 && (typeName.EndsWith("Client", System.StringComparison.Ordinal) || typeName.EndsWith("Credential", System.StringComparison.Ordinal)
            || typeName.EndsWith("Credentials", System.StringComparison.Ordinal) || typeName.EndsWith("Authenticator", System.StringComparison.Ordinal));

    /// <summary>Whether a positional argument's value is id-shaped yet long enough to be a key (a GUID, 32 hex digits).</summary>
    public static bool IsLongIdShaped(string value) => value.Length is 32 or 36 && IsIdShaped(value);

    private static bool IsUtf8Bytes(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "ReadOnlySpan", TypeArguments.Length: 1 } span && span.TypeArguments[0].SpecialType == SpecialType.System_Byte;

    private static bool HasClientSuffix(string typeName)
    {
        foreach (var suffix in ClientTypeSuffixes)
        {
            if (typeName.Length > suffix.Length && typeName.EndsWith(suffix, System.StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public const string AccountKeyLabel = "The account key";
    public const string ApiKeyLabel = "The API key credential";
    public const string AwsSecretLabel = "The AWS secret key";
    public const string ClientSecretLabel = "The client secret";

    public const string BasicCredentialsLabel = "The Basic authentication password";
    public const string SecureStringLabel = "The SecureString password";
    public const string BasicCredentialsUserLabel = "The Basic authentication API token";
    public const string SessionCookieLabel = "The session cookie";

    public static bool IsApiLabel(string name) => name is NetworkCredentialLabel or CertificateLabel or EncryptedKeyLabel or AuthorizationLabel or AccountKeyLabel or ApiKeyLabel or AwsSecretLabel or ClientSecretLabel
        or BasicCredentialsLabel or SecureStringLabel or BasicCredentialsUserLabel or SessionCookieLabel;

    // "<token>" + ":x" (or ":api_token", ":") on its way to Basic credentials: services that take the API token as the
    // user name (BambooHR, Toggl, Harvest-style APIs) put the secret before the colon.
    private static bool IsBasicCredentialUser(ExpressionSyntax expression) =>
        expression.Parent is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } concatenation && concatenation.Left == expression
        && StringValue(concatenation.Right) is { Length: > 0 } rest && rest[0] == ':' && IsBasicCredentialText(concatenation);

    // new Cookie(".AspNetCore.Cookies", "<value>", ...), Response.Cookies.Append("sessionid", "<value>"): the value of a
    // session cookie, named by the first argument.
    private static bool IsSessionCookieValue(ArgumentSyntax argument) =>
        argument.Parent is ArgumentListSyntax { Arguments.Count: >= 2 } list && list.Arguments[1] == argument
        && list.Parent switch
        {
            BaseObjectCreationExpressionSyntax creation => CreatedTypeName(creation) == "Cookie",
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } => member.Name.Identifier.ValueText is "Append" or "Add" or "Set" or "SetCookie" or "AddCookie",
            _ => false,
        }
        && StringValue(list.Arguments[0].Expression) is { Length: > 2 } name && ContextCredentials.IsSessionCookieName(name);

    // "user:" + "<password>" on its way to Basic credentials: the literal after the colon is the password.
    private static bool IsBasicCredentialPassword(ExpressionSyntax expression) =>
        expression.Parent is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } concatenation && concatenation.Right == expression
        && StringValue(concatenation.Left) is { Length: > 1 } user && user[user.Length - 1] == ':' && IsBasicCredentialText(concatenation);

    /// <summary>
    /// Whether text is encoded as Basic credentials: Encoding.X.GetBytes(text) given to Convert.ToBase64String, the
    /// one way "user:password" becomes an Authorization: Basic value.
    /// </summary>
    public static bool IsBasicCredentialText(ExpressionSyntax text) =>
        Climb(text)?.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetBytes" } } getBytes } }
        && Climb(getBytes)?.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ToBase64String" } } } };

    /// <summary>Whether a literal is the collection of a foreach whose body appends its characters to a SecureString (AppendChar).</summary>
    public static bool IsSecureStringSource(SyntaxToken literal) =>
        Climb(literal.Parent as ExpressionSyntax) is { Parent: ForEachStatementSyntax loop } expression && loop.Expression == expression
        && loop.Statement.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(i => i.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AppendChar" });

    /// <summary>The name the literal is given to, whatever it is called.</summary>
    public static string? FindName(SyntaxToken literal) => NameOf(Climb(literal.Parent as ExpressionSyntax), 0);

    private static string? NameOf(ExpressionSyntax? expression, int depth)
    {
        if (expression is null)
        {
            return null;
        }

        switch (expression.Parent)
        {
            case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }:
                return declarator.Identifier.ValueText;
            case EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property }:
                return property.Identifier.ValueText;
            case EqualsValueClauseSyntax { Parent: ParameterSyntax parameter }:
                return parameter.Identifier.ValueText;
            case ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax property }:
                return property.Identifier.ValueText;
            case AssignmentExpressionSyntax assignment when assignment.Right == expression:
                return QualifiedByCreatedType(assignment, TargetName(assignment.Left));
            case ArgumentSyntax { NameColon: { } nameColon }:
                return nameColon.Name.Identifier.ValueText;
            case ArgumentSyntax argument:
                // A key/value call's key wins when it names a credential; otherwise the call may still say what the value is.
                var key = KeyOfKeyValueCall(argument);
                return key is not null && CredentialNames.Classify(key) != CredentialKind.None ? key
                    : SingleArgumentTarget(argument) ?? LastArgumentOfCredentialCall(argument)
                        ?? (depth < 2 && ConversionOf(argument) is { } conversion && Climb(conversion) is { Parent: not ArgumentSyntax } converted ? NameOf(converted, depth + 1) : null) ?? key;
            case AttributeArgumentSyntax { NameEquals: { } nameEquals }:
                return nameEquals.Name.Identifier.ValueText;
            case AttributeArgumentSyntax { NameColon: { } nameColon }:
                return nameColon.Name.Identifier.ValueText;
            case AttributeArgumentSyntax positional:
                return PositionalAttributeTarget(positional);
            case AnonymousObjectMemberDeclaratorSyntax { NameEquals: { } nameEquals }:
                return nameEquals.Name.Identifier.ValueText;
            case InitializerExpressionSyntax initializer when initializer.IsKind(SyntaxKind.ComplexElementInitializerExpression)
                && initializer.Expressions.Count == 2 && initializer.Expressions[1] == expression:
                return StringValue(initializer.Expressions[0]);
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.EqualsExpression) || binary.IsKind(SyntaxKind.NotEqualsExpression):
                return TargetName(binary.Left == expression ? binary.Right : binary.Left);
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression) && binary.Right == expression:
                return NameEndingConcatenation(binary.Left);
            default:
                return null;
        }
    }

    // "https://host/v1?api_key=" + "...", "Authorization: Bearer " + "...": the literal before the '+' ends with the
    // name (and separator, or an authorization scheme) the value is given to.
    private static string? NameEndingConcatenation(ExpressionSyntax left)
    {
        while (left is BinaryExpressionSyntax inner && inner.IsKind(SyntaxKind.AddExpression))
        {
            left = inner.Right;
        }

        if (StringValue(left) is not { Length: > 2 } prefix)
        {
            return null;
        }

        if (IsCustomSchemePrefix(prefix))
        {
            return "Authorization";
        }

        var end = prefix.Length;
        while (end > 0 && prefix[end - 1] == ' ')
        {
            end--;
        }

        var lastWord = end;
        while (lastWord > 0 && char.IsLetter(prefix[lastWord - 1]))
        {
            lastWord--;
        }

        if (end < prefix.Length && end - lastWord is >= 3 and <= 7
            && CredentialNames.SchemeLength(prefix.Substring(lastWord, end - lastWord) + " 0123456789abcdef") > 0)
        {
            return "Authorization";
        }

        if (end == prefix.Length && GeneralCredentials.EndsWithKeyPath(prefix))
        {
            // "https://hooks.example.com/services/" + "...": the key of a webhook or API URL.
            return "WebhookKey";
        }

        if (end == 0 || prefix[end - 1] is not ('=' or ':'))
        {
            return null;
        }

        var nameEnd = end - 1;
        while (nameEnd > 0 && prefix[nameEnd - 1] is ' ' or '"' or '\'')
        {
            nameEnd--;
        }

        var nameStart = nameEnd;
        while (nameStart > 0 && (char.IsLetterOrDigit(prefix[nameStart - 1]) || prefix[nameStart - 1] is '_' or '-' or '.'))
        {
            nameStart--;
        }

        return nameEnd > nameStart ? prefix.Substring(nameStart, nameEnd - nameStart) : null;
    }

    // new JwtOptions { Key = "..." }: a bare Key or Secret member reads with its type's name (JwtOptionsKey), so the
    // type says what the key is for.
    private static string? QualifiedByCreatedType(AssignmentExpressionSyntax assignment, string? name) =>
        name is "Key" or "Value" && assignment.Parent is InitializerExpressionSyntax { Parent: BaseObjectCreationExpressionSyntax creation }
            && CreatedTypeName(creation) is { } type
            ? WithoutSuffix(type) + name
            : name;

    private static string WithoutSuffix(string type)
    {
        foreach (var suffix in new[] { "Options", "Settings", "Configuration", "Config", "Parameters", "Section" })
        {
            if (type.Length > suffix.Length && type.EndsWith(suffix, System.StringComparison.Ordinal))
            {
                return type.Substring(0, type.Length - suffix.Length);
            }
        }

        return type;
    }

    // Parentheses, casts, '??' fallbacks and conditional branches pass the literal on unchanged.
    private static ExpressionSyntax? Climb(ExpressionSyntax? expression)
    {
        while (expression?.Parent is ParenthesizedExpressionSyntax or CastExpressionSyntax
               or BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression }
               or ConditionalExpressionSyntax or PostfixUnaryExpressionSyntax)
        {
            if (expression.Parent is ConditionalExpressionSyntax conditional && conditional.Condition == expression)
            {
                return null;
            }

            expression = (ExpressionSyntax)expression.Parent;
        }

        return expression;
    }

    private static string? TargetName(ExpressionSyntax target) => target switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        ElementAccessExpressionSyntax { ArgumentList.Arguments.Count: 1 } element => StringValue(element.ArgumentList.Arguments[0].Expression),
        ImplicitElementAccessSyntax { ArgumentList.Arguments.Count: 1 } element => StringValue(element.ArgumentList.Arguments[0].Expression),
        _ => null,
    };

    // dictionary.Add("password", "..."), headers.Add("Authorization", "..."), Environment.SetEnvironmentVariable("API_KEY", "...").
    // Options after the pair (AddParameter("pg-password", "...", secret: true), cache.Set("token", "...", ttl)) keep it a
    // key/value call as long as none of them is another string literal; a `secret: true` flag names the value a secret.
    private static string? KeyOfKeyValueCall(ArgumentSyntax argument)
    {
        if (argument.Parent is not ArgumentListSyntax { Arguments.Count: >= 2 } list || list.Arguments[1] != argument || list.Parent is not InvocationExpressionSyntax)
        {
            return null;
        }

        var flaggedSecret = false;
        for (var i = 2; i < list.Arguments.Count; i++)
        {
            var extra = list.Arguments[i];
            if (extra.Expression is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } or InterpolatedStringExpressionSyntax)
            {
                return null;
            }

            flaggedSecret |= extra.NameColon?.Name.Identifier.ValueText is "secret" or "isSecret" or "sensitive" or "isSensitive"
                && extra.Expression.IsKind(SyntaxKind.TrueLiteralExpression);
        }

        var key = StringValue(list.Arguments[0].Expression);
        return flaggedSecret && (key is null || CredentialNames.Classify(key) == CredentialKind.None) ? "secret" : key;
    }

    // h.Password("..."), builder.WithApiKey("..."), ClientSecrets = { new Secret("...") }: the one argument of a call or
    // creation named after a credential is that credential. Calls that look a secret up by name (GetSecret, ReadToken,
    // ValidatePassword) take a name or a value to check, not the credential itself.
    private static string? SingleArgumentTarget(ArgumentSyntax argument)
    {
        if (argument.Parent is not ArgumentListSyntax { Arguments.Count: 1 } list || CallName(list) is not { } name || StartsWithLookupVerb(name))
        {
            return null;
        }

        // Only a credential name counts; other calls are left to the parameter they bind to.
        return CredentialNames.Classify(name) == CredentialKind.None ? null : name;
    }

    // Convert.FromHexString("..."), Convert.FromBase64String("..."), Encoding.UTF8.GetBytes("..."): the bytes keep the
    // name they are given to (static readonly byte[] FieldEncryptionKey = Convert.FromHexString("...")); bytes passed on
    // to a call are the symmetric-key rule's (SSB1007) or the call's parameter's business.
    private static InvocationExpressionSyntax? ConversionOf(ArgumentSyntax argument) =>
        argument.Parent is ArgumentListSyntax { Arguments.Count: 1, Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } invocation }
        && member.Name.Identifier.ValueText is "FromHexString" or "FromBase64String" or "GetBytes" or "DecodeBytes" or "Base64UrlDecode" or "HexToBytes"
            ? invocation
            : null;

    // "ApiToken " + "...", "sso-key <key>:" + "<secret>": a custom authorization scheme (one word holding key, token or
    // auth) and nothing after it but, for key:secret schemes, the key and its colon.
    private static bool IsCustomSchemePrefix(string prefix)
    {
        var space = prefix.IndexOf(' ');
        return space > 0 && (space == prefix.Length - 1 || (prefix[prefix.Length - 1] == ':' && prefix.IndexOf(' ', space + 1) < 0))
            && GeneralCredentials.CustomSchemeLength(prefix.Substring(0, space + 1) + "0123456789abcdef") > 0;
    }

    // .UseCredentials("user", "p"), new Credentials("user", "p"), .WithBasicAuth("user", "p"), .Login("user", "p"): the last of
    // two arguments of a call or creation named after credentials or a login is the password (a third is a domain or realm).
    private static string? LastArgumentOfCredentialCall(ArgumentSyntax argument)
    {
        return argument.Parent is ArgumentListSyntax { Arguments.Count: 2 } list && list.Arguments[1] == argument ? CredentialPairName(CallName(list)) : null;
    }

    // The method or created type an argument list belongs to.
    private static string? CallName(ArgumentListSyntax list) => list.Parent switch
    {
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } => member.Name.Identifier.ValueText,
        InvocationExpressionSyntax { Expression: IdentifierNameSyntax identifier } => identifier.Identifier.ValueText,
        BaseObjectCreationExpressionSyntax creation => CreatedTypeName(creation),
        _ => null,
    };

    private static bool StartsWithLookupVerb(string name)
    {
        foreach (var verb in LookupVerbs)
        {
            if (name.StartsWith(verb, System.StringComparison.Ordinal) && name.Length > verb.Length && char.IsUpper(name[verb.Length]))
            {
                return true;
            }
        }

        return false;
    }

    // [ApiKey("...")], [Credential("user", "p")]: an attribute named after a credential; its one argument is the
    // credential, and of two the second is the password.
    private static string? PositionalAttributeTarget(AttributeArgumentSyntax argument)
    {
        if (argument.Parent is not AttributeArgumentListSyntax { Parent: AttributeSyntax attribute } list)
        {
            return null;
        }

        var name = attribute.Name switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            _ => null,
        };
        if (name is null)
        {
            return null;
        }

        if (name.EndsWith("Attribute", System.StringComparison.Ordinal) && name.Length > 9)
        {
            name = name.Substring(0, name.Length - 9);
        }

        var positional = 0;
        foreach (var a in list.Arguments)
        {
            positional += a.NameEquals is null && a.NameColon is null ? 1 : 0;
        }

        if (positional == 1)
        {
            return CredentialNames.Classify(name) == CredentialKind.None ? null : name;
        }

        return positional == 2 && list.Arguments.IndexOf(argument) == 1 ? CredentialPairName(name) : null;
    }

    private static string? CredentialPairName(string? name)
    {
        if (name is null || StartsWithLookupVerb(name))
        {
            return null;
        }

        foreach (var word in new[] { "Credential", "BasicAuth", "Login", "SignIn", "Authenticate" })
        {
            if (name.IndexOf(word, System.StringComparison.Ordinal) >= 0)
            {
                return name + "Password";
            }
        }

        return null;
    }

    private static readonly string[] LookupVerbs =
        ["Get", "Read", "Load", "Fetch", "Find", "Resolve", "Delete", "Remove", "Parse", "Decode", "Validate", "Verify", "Check", "Is", "Has", "Try", "Revoke", "Log", "Write", "Print", "Mask", "Redact", "Hash"];

    private static string? StringValue(ExpressionSyntax expression) =>
        expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression) ? literal.Token.ValueText : null;

    private static string? ApiLabel(ArgumentSyntax argument)
    {
        if (argument.Parent is not ArgumentListSyntax list)
        {
            return null;
        }

        var index = list.Arguments.IndexOf(argument);
        var name = list.Parent switch
        {
            BaseObjectCreationExpressionSyntax { } creation => CreatedTypeName(creation),
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } => member.Name.Identifier.ValueText,
            _ => null,
        };
        return (name, index) switch
        {
            ("NetworkCredential", 1) or ("UsernamePasswordCredential", 1) => NetworkCredentialLabel,
            ("StorageSharedKeyCredential", 1) or ("AzureNamedKeyCredential", 1) or ("CosmosClient", 1) or ("DocumentClient", 1) => AccountKeyLabel,
            ("AzureKeyCredential", 0) or ("AzureSasCredential", 0) or ("ApiKeyCredential", 0) or ("KeyCredential", 0) => ApiKeyLabel,
            ("BasicAWSCredentials", 1) or ("SessionAWSCredentials", 1) => AwsSecretLabel,
            ("ClientSecretCredential", 2) or ("WithClientSecret", 0) => ClientSecretLabel,
            ("X509Certificate2" or "X509Certificate" or "LoadPkcs12" or "LoadPkcs12FromFile" or "Import" or "CreateFromPemFile" or "CreateFromEncryptedPemFile", 1) => CertificateLabel,
            ("AuthenticationHeaderValue", 1) => AuthorizationLabel,
            // The password that decrypts (or encrypts) a private key: RSA/ECDsa/DSA ImportFromEncryptedPem(pem, password),
            // ImportEncryptedPkcs8PrivateKey(password, ...), ExportEncryptedPkcs8PrivateKey[Pem](password, ...),
            // X509Certificate2.CreateFromEncryptedPem(certPem, keyPem, password).
            ("ImportFromEncryptedPem", 1) or ("CreateFromEncryptedPem", 2) => EncryptedKeyLabel,
            ("ImportEncryptedPkcs8PrivateKey" or "ExportEncryptedPkcs8PrivateKey" or "ExportEncryptedPkcs8PrivateKeyPem" or "TryExportEncryptedPkcs8PrivateKey", 0) => EncryptedKeyLabel,
            _ => null,
        };
    }

    private static string? CreatedTypeName(BaseObjectCreationExpressionSyntax creation)
    {
        var type = creation switch
        {
            ObjectCreationExpressionSyntax explicitType => explicitType.Type,
            _ => (creation.Parent as EqualsValueClauseSyntax)?.Parent is VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } ? declaration.Type : null,
        };
        return type switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            _ => null,
        };
    }
}
