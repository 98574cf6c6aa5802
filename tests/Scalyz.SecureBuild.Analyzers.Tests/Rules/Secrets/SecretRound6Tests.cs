using Scalyz.SecureBuild.Analyzers.Rules.Secrets;
using Scalyz.SecureBuild.Analyzers.Tests.Harness;

namespace Scalyz.SecureBuild.Analyzers.Tests.Rules.Secrets;

/// <summary>
/// Issue 12, sixth round: key material beyond PEM blocks (other PEM labels, SSH.com blocks, base64-encoded PEM, BIP32
/// extended private keys with their base58 checksum, LND macaroons, BIP39-shaped mnemonics) and the look-alikes that are
/// not secrets (twin-delimiter tokens, encrypted-at-rest envelopes, published product defaults, RFC 6749's printed
/// token, Paddle's client-side tokens). Values are made up for the tests.
/// </summary>
public sealed class SecretRound6Tests
{
    private const string Body64 = "MIIEowIBAAKCAQEAu9Hq2Lm7VrTz4Kp8Wn3Ys6Bd1Hf5Jc0GaRe7Uo2Np5WXq7Lm2Vr9Tz4Kp8Wn3Ys6Bd1Hf5Jc0G";

    // A BIP32 xprv with a valid base58check checksum, and the same string with one character changed.
    private static readonly string Xprv = SecretSamples.Generate(SecretSamples.Format("bip32-extended-private-key"));
    private static readonly string XprvBadChecksum = Xprv[..60] + (Xprv[60] == 'a' ? 'b' : 'a') + Xprv[61..];

    private const string Mnemonic = "abandon ability able about above absent absorb abstract absurd abuse access accident";

    private static Task Code(string members) =>
        Verify.AnalyzerAsync<HardcodedSecretAnalyzer>("using System;\nclass C\n{\n" + members + "}\n");

    private static Task Config(string path, string markedText) =>
        Verify.AnalyzerAsync(new ConfigFileSecretAnalyzer(), "class C { }\n", [(path, markedText)], []);

    // ------------------------------------------------------------------ 1. key material

    [Fact]
    public Task PemBlocksWithOtherLabels_AreReported() => Code(
        "    string A = {|SSB1004:@\"-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n" + Body64 + "\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\"|};\n"
        + "    string B = {|SSB1004:\"-----BEGIN ENCRYPTED PRIVATE KEY-----\\n" + Body64 + "\\n-----END ENCRYPTED PRIVATE KEY-----\"|};\n");

    [Fact]
    public Task SshComKeyBlock_IsReported() => Code(
        "    string A = {|SSB1004:@\"---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\nComment: \"\"rsa-key-20241203\"\"\n" + Body64 + "\n---- END SSH2 ENCRYPTED PRIVATE KEY ----\"|};\n");

    [Fact]
    public Task PublicKeyBlocks_AreNotReported() => Code(
        "    string A = @\"---- BEGIN SSH2 PUBLIC KEY ----\n" + Body64 + "\n---- END SSH2 PUBLIC KEY ----\";\n"
        + "    string B = @\"-----BEGIN SIGSTORE PUBLIC KEY-----\n" + Body64 + "\n-----END SIGSTORE PUBLIC KEY-----\";\n");

    [Fact]
    public Task Base64EncodedPemPrivateKey_IsReported()
    {
        var encoded = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes("-----BEGIN RSA PRIVATE KEY-----\n" + Body64 + "\n-----END RSA PRIVATE KEY-----\n"));
        return Code("    string ClientKeyData = {|SSB1004:\"" + encoded + "\"|};\n");
    }

    [Fact]
    public Task Base64EncodedCertificate_IsNotReported()
    {
        var encoded = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes("-----BEGIN CERTIFICATE-----\n" + Body64 + "\n-----END CERTIFICATE-----\n"));
        return Code("    string ClientCertificateData = \"" + encoded + "\";\n");
    }

    [Fact]
    public Task ExtendedPrivateKeyWithValidChecksum_IsReported() => Code("    const string Seed = {|SSB1004:\"" + Xprv + "\"|};\n");

    [Fact]
    public Task ExtendedKeyWithBrokenChecksum_IsNotReported() => Code("    const string Sample = \"" + XprvBadChecksum + "\";\n");

    [Fact]
    public Task LndMacaroon_IsReported() => Code(
        "    string M = {|SSB1004:\"0201036c6e6402f801030a10" + new string('7', 8) + "9f3b7c1e5a2d8f4b6c0e7a9d1f3b5c7e2a4d6f8b0c1e3a5d7f9b2c4e6a8d0f1b9f3b7c1e5a2d8f4b6c0e7a9d1f3b5c7e2a4d6f8b\"|};\n");

    [Fact]
    public Task MnemonicUnderASeedName_IsReported() => Config("/p/appsettings.json",
        "{\n  \"Wallet\": {\n    \"Mnemonic\": \"[|" + Mnemonic + "|]\"\n  }\n}\n");

    [Fact]
    public Task SentencesUnderCredentialNames_AreNotReported() => Config("/p/appsettings.json",
        "{\n  \"Wallet\": {\n    \"Mnemonic\": \"write the words on paper and keep them safe\",\n"
        + "    \"SeedPhrase\": \"abandon ability able about above absent absorb abstract absurd abuse access\"\n  }\n}\n");

    // ------------------------------------------------------------------ 3. look-alikes

    [Theory]
    [InlineData("@@SENTRY_AUTH_TOKEN@@")]
    [InlineData("%%DB_PASSWORD%%")]
    [InlineData("##API_SECRET_KEY##")]
    [InlineData("$$ORDERS_TOKEN$$")]
    [InlineData("@DB_PASSWORD@")]
    [InlineData("__XERO_CLIENT_SECRET__")]
    public Task TwinDelimiterTokens_AreNotReported(string value) => Code("    string ApiToken = \"" + value + "\";\n    string Password = \"" + value + "\";\n");

    [Fact]
    public Task ValuesThatOnlyLookDelimited_AreReported() => Code(
        "    string Password = {|SSB1002:\"@b3Kx9q7Lm2@\"|};\n    string ApiToken = {|SSB1002:\"##Xq7Lm2Vr9Tz4!Kp8Wn3Ys6##\"|};\n");

    [Theory]
    [InlineData("ENC[AES256_GCM,data:Xq7Lm2Vr9Tz4Kp8Wn3Ys6Bd1Hf5,iv:u9Hq2Lm7VrTz4Kp8Wn3Ys6Bd1Hf5Jc0GaRe7Uo2Np=,tag:Kp8Wn3Ys6Bd1Hf5Jc0GaR==,type:str]")]
    [InlineData("ENC(Xq7Lm2Vr9Tz4Kp8Wn3Ys6Bd1Hf5Jc0G)")]
    [InlineData("minioadmin")]
    [InlineData("changeit")]
    [InlineData("2YotnFZFEjr1zCsicMWpAA")]
    public Task EnvelopesDefaultsAndRfcExamples_AreNotReported(string value) => Config("/p/appsettings.json",
        "{\n  \"Storage\": {\n    \"DbPassword\": \"" + value + "\",\n    \"AccessToken\": \"" + value + "\"\n  }\n}\n");

    [Fact]
    public Task RfcExampleInObjectInitializer_IsNotReported() => Code(
        "    sealed class T { public string? AccessToken { get; set; } public string? RootPassword { get; set; } }\n"
        + "    object M() => new T { AccessToken = \"2YotnFZFEjr1zCsicMWpAA\", RootPassword = \"minioadmin\" };\n");

    [Fact]
    public Task PaddleClientTokenIsPublic_ButMollieLikeKeysAreNot() => Code(
        "    string PaddleClientToken = \"live_7d279f61a3499fed520f7cd8c08\";\n"
        + "    string MollieApiKey = {|SSB1002:\"live_Xq7Lm2Vr9Tz4Kp8Wn3Ys6Bd1Hf5Jc\"|};\n");

    // ------------------------------------------------------------------ 2. interpolation holes, concatenation, names

    [Fact]
    public Task WebhookTokenAfterAnIdHole_IsReported() => Code(
        "    string M(long id) => {|SSB1001:$\"https://discord.com/api/webhooks/{id}/6tMNBSHs83wJyhjp9pGCKmw2oW1xThadfyNQ7P3sx7fuPBQlLAVn6StT9WlrdWZacSp-?wait=true\"|};\n");

    [Fact]
    public Task HolesAloneAreNotASecret() => Code(
        "    string M(long id, string token) => $\"https://discord.com/api/webhooks/{id}/{token}?wait=true\";\n");

    [Fact]
    public Task SasSignatureConcatenatedAfterItsKey_IsReported() => Code(
        "    object M() => new Uri({|SSB1001:\"https://contoso.blob.core.windows.net/x/daily.csv?sv=2022-11-02&ss=b&srt=o&sp=r&spr=https&sig=\" + \"Vm6YMBv1z4hClIS33Hq3cLjCo25zryz1Dq8hmAbVSDs%3D\"|});\n");

    [Fact]
    public Task SasKeyConcatenatedWithAVariable_IsNotReported() => Code(
        "    object M(string sig) => new Uri(\"https://contoso.blob.core.windows.net/x/daily.csv?sv=2022-11-02&ss=b&srt=o&sp=r&spr=https&sig=\" + sig);\n");

    [Fact]
    public Task TokenAsUserNameWithADot_IsReported() => Code(
        "    string M(string q) => {|SSB1001:$\"https://api_9osg4znF0V3XOhXFMb3F0w.7M89v6Uji5NUjaPcfxOAj1:@api.close.com/api/v1/lead/?query={q}\"|};\n");

    [Fact]
    public Task DottedUserNames_AreNotReported() => Code(
        "    string M(string q) => $\"https://john.smith:@git.contoso.com/repo?query={q}\";\n");

    [Fact]
    public Task RandomBase64WithMixedCaseXs_IsNotAPlaceholder() => Code(
        "    string M(string account) => {|SSB1003:$\"DefaultEndpointsProtocol=https;AccountName={account};AccountKey=u+x8byUMu4OfhaA9MElzPEuIKQnDPJCosbS/cH8oLjGlAC19bMNGlYUMXxXxQfv8zRC0fgWv8X5b1L1wTEoDdw==;EndpointSuffix=core.windows.net\"|};\n");

    [Fact]
    public Task RepeatedXsAreStillAPlaceholder() => Code(
        "    const string Cs = \"DefaultEndpointsProtocol=https;AccountName=a;AccountKey=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx;EndpointSuffix=core.windows.net\";\n");

    [Fact]
    public Task CommunityStringsAndPassNames_AreReported() => Code(
        "    const string SnmpCommunity = {|SSB1002:\"UhSwIH5wx8ja!\"|};\n    const string RabbitMqDefaultPass = {|SSB1002:\"Wnfhfw84@IcdY41E4_Fm\"|};\n");

    [Fact]
    public Task PassWordsThatAreNotPasswords_AreNotReported() => Code(
        "    const string CommunityUrl = \"https://community.contoso.com/t/Xq7Lm2Vr9Tz4\";\n    const string Passenger = \"Wnfhfw84@IcdY41E4_Fm\";\n");

    [Fact]
    public Task DefaultPassInWebConfig_IsReported() => Config("/p/web.config",
        "<configuration>\n  <appSettings>\n    <add key=\"RabbitMq:DefaultPass\" value=\"[|Wnfhfw84@IcdY41E4_Fm|]\" />\n  </appSettings>\n</configuration>\n");

    [Fact]
    public Task PasswordsThatDecryptAPrivateKey_AreReported() => Code(
        "    void M(System.Security.Cryptography.RSA rsa, string pem) => rsa.ImportFromEncryptedPem(pem, {|SSB1002:\"Mzuhgr73+9xYAwmyk~xL\"|});\n"
        + "    byte[] E(System.Security.Cryptography.ECDsa ec, System.Security.Cryptography.PbeParameters p) => ec.ExportEncryptedPkcs8PrivateKey({|SSB1002:\"Mzuhgr73+9xYAwmyk~xL\"|}, p);\n");

    [Fact]
    public Task PemTextAndPasswordsFromConfiguration_AreNotReported() => Code(
        "    void M(System.Security.Cryptography.RSA rsa, string password) => rsa.ImportFromEncryptedPem(\"signing.pem\", password);\n");
}
