namespace Contoso.Orders.Services;

public sealed class StorageSettings
{
    public string Bucket { get; } = "contoso-orders-archive";

    public string AccessKeyId { get; } = "AKIA2OGYBAH6QZRLXW7N";

    public string Region { get; } = "eu-west-1";
}
