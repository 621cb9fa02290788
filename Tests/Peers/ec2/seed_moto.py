#!/usr/bin/env python3
"""Seed a running moto_server with Gatewatch's EC2 test scenario.

The scenario is read from the demo bundle (``Sources/Inventory/Demo/aws/*.json``,
the output of ``aws ec2 describe-*``) and replayed into moto with boto3, so the
live peer mirrors what ``gatewatch --demo`` shows:

* VPC 10.0.0.0/16 with the secondary CIDR 100.64.0.0/16;
* nine subnets in three zones: node subnets, the dedicated gateway subnets
  10.0.41.0/24 and 10.0.42.0/24, secondary-CIDR subnets, a public and an
  inspection subnet;
* the explicit subnet CIDR reservations;
* five instances (workers in us-east-1a/b/c and a bastion), each worker with
  secondary ENIs that carry secondary private IPs;
* the Elastic IPs: bound to gateway ENIs (on secondary IPs in the demo), one
  idle, one on the NAT gateway, one on the bastion;
* an internet gateway, a NAT gateway, a transit gateway with a VPC attachment,
  a Gateway Load Balancer endpoint;
* the route tables: the main table, explicit subnet associations, routes to
  the igw, nat, tgw and vpce.

moto cannot give the demo's IDs, AZ IDs, MAC addresses or times; the summary
maps each demo ID to the ID moto gave the mirrored resource (``demoIds``).
What moto cannot represent at all is listed in the summary's ``gaps``
(aws-ec2.md section 7.4): an EIP on a secondary private IP lands on the ENI's
primary IP, a ``blackhole`` route cannot be made, the NAT gateway's private IP
is moto's choice.

Usage::

    python3 seed_moto.py --endpoint http://127.0.0.1:5055 [--region us-east-1]
                         [--seed 42] [--no-reset] [--demo-dir DIR] [--dump-dir DIR]

``--dump-dir`` also writes what awscli (an independent client) returns for the
scenario, in the demo bundle's file names, so ``gatewatch --from DIR`` and a live
run against the same moto can be compared.

Prints one JSON document (the summary) on stdout. By default the moto state is
wiped first (``POST /moto-api/reset``) and the ID generator seeded
(``POST /moto-api/seed?a=42``), which makes every generated ID repeatable.
Needs boto3 (and moto[server] for the server itself).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.request
from pathlib import Path

import boto3
from botocore.config import Config

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
DEMO_DIR = REPO / "Sources" / "Inventory" / "Demo" / "aws"

DUMMY_KEY = "testing"
DUMMY_SECRET = "testing"
AMI = "ami-12c6146b"  # one of moto's built-in AMIs


def load_demo(demo_dir: Path) -> dict:
    names = {
        "vpcs": "describe-vpcs.json",
        "subnets": "describe-subnets.json",
        "reservations": "get-subnet-cidr-reservations.json",
        "addresses": "describe-addresses.json",
        "enis": "describe-network-interfaces.json",
        "instances": "describe-instances.json",
        "route_tables": "describe-route-tables.json",
        "nat_gateways": "describe-nat-gateways.json",
        "security_groups": "describe-security-groups.json",
        "network_acls": "describe-network-acls.json",
    }
    out = {}
    for key, name in names.items():
        with open(demo_dir / name, encoding="utf-8") as fh:
            out[key] = json.load(fh)
    return out


def moto_admin(endpoint: str, path: str, body: bytes = b"", content_type: str | None = None) -> None:
    req = urllib.request.Request(endpoint.rstrip("/") + path, data=body, method="POST")
    if content_type:
        req.add_header("Content-Type", content_type)
    with urllib.request.urlopen(req, timeout=30) as resp:
        resp.read()


def client(endpoint: str, region: str):
    return boto3.client(
        "ec2",
        endpoint_url=endpoint,
        region_name=region,
        aws_access_key_id=DUMMY_KEY,
        aws_secret_access_key=DUMMY_SECRET,
        config=Config(retries={"max_attempts": 1}, connect_timeout=5, read_timeout=60),
    )


def tag_spec(resource_type: str, tags: list[dict] | None) -> list[dict]:
    tags = [t for t in (tags or []) if not t["Key"].startswith("aws:")]  # aws: prefix is reserved
    return [{"ResourceType": resource_type, "Tags": tags}] if tags else []


def name_of(tags: list[dict] | None, default: str = "") -> str:
    for t in tags or []:
        if t["Key"] == "Name":
            return t["Value"]
    return default


def seed(endpoint: str, region: str = "us-east-1", demo_dir: Path = DEMO_DIR,
         reset: bool = True, seed_value: int | None = 42) -> dict:
    """Create the scenario; return the summary (JSON-serialisable)."""
    if reset:
        moto_admin(endpoint, "/moto-api/reset")
        if seed_value is not None:
            moto_admin(endpoint, f"/moto-api/seed?a={int(seed_value)}")
    demo = load_demo(demo_dir)
    ec2 = client(endpoint, region)
    ids: dict[str, str] = {}  # demo ID -> moto ID
    gaps: list[str] = []

    # --- VPC and the secondary CIDR -------------------------------------------------
    dvpc = demo["vpcs"]["Vpcs"][0]
    vpc = ec2.create_vpc(CidrBlock=dvpc["CidrBlock"],
                         TagSpecifications=tag_spec("vpc", dvpc.get("Tags")))["Vpc"]
    vpc_id = vpc["VpcId"]
    ids[dvpc["VpcId"]] = vpc_id
    cidr_assocs = {}
    for assoc in dvpc.get("CidrBlockAssociationSet", []):
        if assoc["CidrBlock"] == dvpc["CidrBlock"]:
            cidr_assocs[assoc["CidrBlock"]] = vpc["CidrBlockAssociationSet"][0]["AssociationId"]
            ids[assoc["AssociationId"]] = cidr_assocs[assoc["CidrBlock"]]
            continue
        r = ec2.associate_vpc_cidr_block(VpcId=vpc_id, CidrBlock=assoc["CidrBlock"])
        cidr_assocs[assoc["CidrBlock"]] = r["CidrBlockAssociation"]["AssociationId"]
        ids[assoc["AssociationId"]] = cidr_assocs[assoc["CidrBlock"]]

    igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc_id)

    # --- security groups (names as in the demo) -------------------------------------
    groups: dict[str, str] = {}

    def group_for(g: dict) -> str:
        if g["GroupId"] not in groups:
            sg = ec2.create_security_group(GroupName=g["GroupName"], Description=g["GroupName"],
                                           VpcId=vpc_id)["GroupId"]
            groups[g["GroupId"]] = sg
            ids[g["GroupId"]] = sg
        return groups[g["GroupId"]]

    # --- subnets ----------------------------------------------------------------------
    subnets: dict[str, dict] = {}
    for s in demo["subnets"]["Subnets"]:
        if s["VpcId"] != dvpc["VpcId"]:
            continue
        new = ec2.create_subnet(VpcId=vpc_id, CidrBlock=s["CidrBlock"], AvailabilityZone=s["AvailabilityZone"],
                                TagSpecifications=tag_spec("subnet", s.get("Tags")))["Subnet"]
        if s.get("MapPublicIpOnLaunch"):
            ec2.modify_subnet_attribute(SubnetId=new["SubnetId"], MapPublicIpOnLaunch={"Value": True})
        ids[s["SubnetId"]] = new["SubnetId"]
        subnets[name_of(s.get("Tags"), s["SubnetId"])] = {
            "subnetId": new["SubnetId"], "demoId": s["SubnetId"], "cidr": s["CidrBlock"],
            "availabilityZone": s["AvailabilityZone"], "availabilityZoneId": new.get("AvailabilityZoneId"),
        }

    # --- subnet CIDR reservations (explicit) ------------------------------------------
    reservations: dict[str, dict] = {}
    for r in demo["reservations"].get("SubnetIpv4CidrReservations", []):
        new = ec2.create_subnet_cidr_reservation(
            SubnetId=ids[r["SubnetId"]], Cidr=r["Cidr"], ReservationType=r["ReservationType"],
            Description=r.get("Description", ""),
            TagSpecifications=tag_spec("subnet-cidr-reservation", r.get("Tags")),
        )["SubnetCidrReservation"]
        ids[r["SubnetCidrReservationId"]] = new["SubnetCidrReservationId"]
        reservations[name_of(r.get("Tags"), r["SubnetCidrReservationId"])] = {
            "subnetCidrReservationId": new["SubnetCidrReservationId"], "demoId": r["SubnetCidrReservationId"],
            "subnetId": ids[r["SubnetId"]], "cidr": r["Cidr"], "reservationType": r["ReservationType"],
        }

    # --- instances (primary ENI = the instance's private IP) ----------------------------
    instances: dict[str, dict] = {}
    primary_eni_of: dict[str, str] = {}  # demo instance ID -> moto primary ENI ID
    for res in demo["instances"]["Reservations"]:
        for inst in res["Instances"]:
            kwargs = dict(
                ImageId=AMI, MinCount=1, MaxCount=1, InstanceType=inst["InstanceType"],
                SubnetId=ids[inst["SubnetId"]], PrivateIpAddress=inst["PrivateIpAddress"],
                SecurityGroupIds=[group_for(g) for g in inst.get("SecurityGroups", [])],
                TagSpecifications=tag_spec("instance", inst.get("Tags")),
            )
            new = ec2.run_instances(**kwargs)["Instances"][0]
            ids[inst["InstanceId"]] = new["InstanceId"]
            ids[res["ReservationId"]] = ec2.describe_instances(InstanceIds=[new["InstanceId"]])[
                "Reservations"][0]["ReservationId"]
            if inst.get("SourceDestCheck") is False:
                ec2.modify_instance_attribute(InstanceId=new["InstanceId"], SourceDestCheck={"Value": False})
            primary = next(n for n in new["NetworkInterfaces"] if n["Attachment"]["DeviceIndex"] == 0)
            primary_eni_of[inst["InstanceId"]] = primary["NetworkInterfaceId"]
            instances.setdefault(name_of(inst.get("Tags")), []).append({
                "instanceId": new["InstanceId"], "demoId": inst["InstanceId"],
                "privateIpAddress": new["PrivateIpAddress"], "privateDnsName": new.get("PrivateDnsName"),
                "subnetId": new["SubnetId"], "availabilityZone": new["Placement"]["AvailabilityZone"],
                "primaryNetworkInterfaceId": primary["NetworkInterfaceId"],
            })

    # --- ENIs: primary ENIs map onto the instances', secondary ENIs are created ---------
    enis: dict[str, dict] = {}
    demo_enis = demo["enis"]["NetworkInterfaces"]
    for n in demo_enis:
        att = n.get("Attachment") or {}
        if n.get("InterfaceType") != "interface":
            continue  # NAT gateway / GWLB endpoint ENIs come with their owners below
        if att.get("DeviceIndex") == 0 and att.get("InstanceId") in primary_eni_of:
            eni_id = primary_eni_of[att["InstanceId"]]
            if n.get("TagSet"):
                ec2.create_tags(Resources=[eni_id], Tags=n["TagSet"])
        else:
            ips = [{"PrivateIpAddress": p["PrivateIpAddress"], "Primary": bool(p.get("Primary"))}
                   for p in n["PrivateIpAddresses"]]
            new = ec2.create_network_interface(
                SubnetId=ids[n["SubnetId"]], Description=n.get("Description", ""), PrivateIpAddresses=ips,
                Groups=[group_for(g) for g in n.get("Groups", [])],
                TagSpecifications=tag_spec("network-interface", n.get("TagSet")),
            )["NetworkInterface"]
            eni_id = new["NetworkInterfaceId"]
            if n.get("SourceDestCheck") is False:
                ec2.modify_network_interface_attribute(NetworkInterfaceId=eni_id, SourceDestCheck={"Value": False})
            if att.get("InstanceId"):
                ec2.attach_network_interface(NetworkInterfaceId=eni_id, InstanceId=ids[att["InstanceId"]],
                                             DeviceIndex=att["DeviceIndex"])
        ids[n["NetworkInterfaceId"]] = eni_id
        enis[n["NetworkInterfaceId"]] = {
            "networkInterfaceId": eni_id, "demoId": n["NetworkInterfaceId"], "subnetId": ids[n["SubnetId"]],
            "instanceId": ids.get(att.get("InstanceId", ""), None), "deviceIndex": att.get("DeviceIndex"),
            "privateIpAddresses": [p["PrivateIpAddress"] for p in n["PrivateIpAddresses"]],
            "primaryPrivateIpAddress": n["PrivateIpAddress"],
        }

    # --- Elastic IPs ---------------------------------------------------------------------
    nat_alloc_ids = {a["AllocationId"] for g in demo["nat_gateways"]["NatGateways"]
                     for a in g.get("NatGatewayAddresses", [])}
    eni_by_demo = {n["NetworkInterfaceId"]: n for n in demo_enis}
    eips: dict[str, dict] = {}
    for a in demo["addresses"]["Addresses"]:
        new = ec2.allocate_address(Domain="vpc", Address=a["PublicIp"],
                                   TagSpecifications=tag_spec("elastic-ip", a.get("Tags")))
        alloc = new["AllocationId"]
        ids[a["AllocationId"]] = alloc
        entry = {"allocationId": alloc, "demoId": a["AllocationId"], "publicIp": new["PublicIp"],
                 "state": "idle", "associationId": None, "networkInterfaceId": None,
                 "intendedPrivateIpAddress": a.get("PrivateIpAddress"), "onSecondaryIp": False}
        eips[name_of(a.get("Tags"), a["AllocationId"])] = entry
        if not a.get("AssociationId") or a["AllocationId"] in nat_alloc_ids:
            if a["AllocationId"] in nat_alloc_ids:
                entry["state"] = "nat-gateway"
            continue
        demo_eni = eni_by_demo.get(a.get("NetworkInterfaceId", ""))
        primary = demo_eni is not None and demo_eni["PrivateIpAddress"] == a.get("PrivateIpAddress")
        if demo_eni is not None and demo_eni.get("Attachment", {}).get("DeviceIndex") == 0 and primary \
                and a.get("InstanceId"):
            r = ec2.associate_address(AllocationId=alloc, InstanceId=ids[a["InstanceId"]])
        else:
            r = ec2.associate_address(AllocationId=alloc, NetworkInterfaceId=ids[a["NetworkInterfaceId"]],
                                      PrivateIpAddress=a["PrivateIpAddress"], AllowReassociation=True)
        ids[a["AssociationId"]] = r["AssociationId"]
        entry.update(state="bound", associationId=r["AssociationId"],
                     networkInterfaceId=ids[a["NetworkInterfaceId"]], onSecondaryIp=not primary)
        if not primary:
            gaps.append(f"EIP {a['PublicIp']} was asked onto secondary IP {a['PrivateIpAddress']} of "
                        f"{ids[a['NetworkInterfaceId']]}; moto binds it to the ENI's primary IP")

    # --- NAT gateway ---------------------------------------------------------------------
    nat_gateways = {}
    for g in demo["nat_gateways"]["NatGateways"]:
        addr = g["NatGatewayAddresses"][0]
        new = ec2.create_nat_gateway(SubnetId=ids[g["SubnetId"]], AllocationId=ids[addr["AllocationId"]],
                                     TagSpecifications=tag_spec("natgateway", g.get("Tags")))["NatGateway"]
        ids[g["NatGatewayId"]] = new["NatGatewayId"]
        if new.get("NatGatewayAddresses"):
            moto_eni = new["NatGatewayAddresses"][0].get("NetworkInterfaceId")
            if moto_eni:
                ids[addr["NetworkInterfaceId"]] = moto_eni
        nat_gateways[name_of(g.get("Tags"), g["NatGatewayId"])] = {
            "natGatewayId": new["NatGatewayId"], "demoId": g["NatGatewayId"], "subnetId": ids[g["SubnetId"]],
            "allocationId": ids[addr["AllocationId"]], "publicIp": addr["PublicIp"],
            "privateIp": (new.get("NatGatewayAddresses") or [{}])[0].get("PrivateIp"),
        }
        if nat_gateways[name_of(g.get("Tags"), g["NatGatewayId"])]["privateIp"] != addr.get("PrivateIp"):
            gaps.append(f"NAT gateway private IP is moto's choice, not {addr.get('PrivateIp')}")

    # --- transit gateway and the GWLB endpoint --------------------------------------------
    route_targets = {r.get("TransitGatewayId") or r.get("GatewayId") or ""
                     for t in demo["route_tables"]["RouteTables"] for r in t["Routes"]}
    tgw_id = vpce_id = None
    for target in sorted(route_targets):
        if target.startswith("tgw-"):
            tgw_id = ec2.create_transit_gateway(Description="prod-use1 corporate")["TransitGateway"]["TransitGatewayId"]
            node_subnets = [v["subnetId"] for k, v in subnets.items() if "private-nodes" in k]
            ec2.create_transit_gateway_vpc_attachment(TransitGatewayId=tgw_id, VpcId=vpc_id, SubnetIds=node_subnets,
                                                      Options={"ApplianceModeSupport": "enable"})
            ids[target] = tgw_id
        elif target.startswith("vpce-"):
            gwlbe_eni = next((n for n in demo_enis if n.get("InterfaceType") == "gateway_load_balancer_endpoint"),
                             None)
            subnet = ids[gwlbe_eni["SubnetId"]] if gwlbe_eni else next(iter(subnets.values()))["subnetId"]
            vpce_id = ec2.create_vpc_endpoint(
                VpcEndpointType="GatewayLoadBalancer", VpcId=vpc_id, SubnetIds=[subnet],
                ServiceName=f"com.amazonaws.vpce.{region}.vpce-svc-0a1b2c3d4e5f60718",
            )["VpcEndpoint"]["VpcEndpointId"]
            ids[target] = vpce_id
        elif target.startswith("igw-"):
            ids[target] = igw

    # --- route tables ------------------------------------------------------------------------
    main_rtb = ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc_id]},
                                                  {"Name": "association.main", "Values": ["true"]}])[
        "RouteTables"][0]["RouteTableId"]
    route_tables = {}
    for t in demo["route_tables"]["RouteTables"]:
        is_main = any(a.get("Main") for a in t.get("Associations", []))
        if is_main:
            rtb = main_rtb
            if t.get("Tags"):
                ec2.create_tags(Resources=[rtb], Tags=t["Tags"])
        else:
            rtb = ec2.create_route_table(VpcId=vpc_id, TagSpecifications=tag_spec("route-table", t.get("Tags")))[
                "RouteTable"]["RouteTableId"]
        ids[t["RouteTableId"]] = rtb
        routes = []
        for r in t["Routes"]:
            if r.get("GatewayId") == "local":
                continue
            if r.get("State") == "blackhole":
                gaps.append(f"route {r.get('DestinationCidrBlock')} in {rtb}: moto cannot make a blackhole route")
                continue
            kw = {"RouteTableId": rtb, "DestinationCidrBlock": r["DestinationCidrBlock"]}
            if r.get("TransitGatewayId"):
                kw["TransitGatewayId"] = ids[r["TransitGatewayId"]]
            elif r.get("NatGatewayId"):
                kw["NatGatewayId"] = ids[r["NatGatewayId"]]
            elif r.get("NetworkInterfaceId"):
                kw["NetworkInterfaceId"] = ids[r["NetworkInterfaceId"]]
            elif r.get("GatewayId", "").startswith("vpce-"):
                kw["VpcEndpointId"] = ids[r["GatewayId"]]
            elif r.get("GatewayId"):
                kw["GatewayId"] = ids[r["GatewayId"]]
            else:
                gaps.append(f"route {r} has a target the seeder does not know")
                continue
            ec2.create_route(**kw)
            routes.append({"destination": r["DestinationCidrBlock"],
                           "target": next(v for k, v in kw.items() if k not in ("RouteTableId", "DestinationCidrBlock"))})
        associations = []
        for a in t.get("Associations", []):
            if a.get("Main"):
                associations.append({"main": True})
                continue
            if a.get("SubnetId"):
                r = ec2.associate_route_table(RouteTableId=rtb, SubnetId=ids[a["SubnetId"]])
                ids[a["RouteTableAssociationId"]] = r["AssociationId"]
                associations.append({"subnetId": ids[a["SubnetId"]], "associationId": r["AssociationId"]})
        route_tables[name_of(t.get("Tags"), t["RouteTableId"])] = {
            "routeTableId": rtb, "demoId": t["RouteTableId"], "main": is_main,
            "associations": associations, "routes": routes,
        }

    packet_path = seed_packet_path(ec2, demo, ids, vpc_id, tgw_id, gaps)

    return {
        "packetPath": packet_path,
        "endpoint": endpoint,
        "region": region,
        "seed": seed_value if reset else None,
        "vpcId": vpc_id,
        "cidrBlockAssociations": cidr_assocs,
        "internetGatewayId": igw,
        "transitGatewayId": tgw_id,
        "vpcEndpointId": vpce_id,
        "securityGroups": groups,
        "subnets": subnets,
        "subnetCidrReservations": reservations,
        "instances": instances,
        "networkInterfaces": enis,
        "elasticIps": eips,
        "natGateways": nat_gateways,
        "routeTables": route_tables,
        "demoIds": ids,
        "gaps": gaps,
    }


def seed_packet_path(ec2, demo: dict, ids: dict[str, str], vpc_id: str, tgw_id: str | None,
                     gaps: list[str]) -> dict:
    """The demo's security group rules and network ACLs, a managed prefix list an egress rule names,
    an egress-only IGW, and transit gateway routes (static and blackhole). moto gaps are listed."""
    def mapped(permission: dict) -> dict:
        out = {k: v for k, v in permission.items() if k in ("IpProtocol", "FromPort", "ToPort", "IpRanges",
                                                             "Ipv6Ranges", "PrefixListIds")}
        pairs = [{"GroupId": ids.get(p["GroupId"], p["GroupId"])} for p in permission.get("UserIdGroupPairs", [])]
        if pairs:
            out["UserIdGroupPairs"] = pairs
        return {k: v for k, v in out.items() if v != []}

    # A customer-managed prefix list, named by an egress rule of the cluster group.
    pl = ec2.create_managed_prefix_list(PrefixListName="corp-admin", AddressFamily="IPv4", MaxEntries=10, Entries=[
        {"Cidr": "198.51.100.0/24", "Description": "corporate VPN egress"}, {"Cidr": "203.0.113.7/32"}])[
        "PrefixList"]["PrefixListId"]
    for g in demo["security_groups"]["SecurityGroups"]:
        sg = ids.get(g["GroupId"])
        if sg is None:
            continue
        ingress = [mapped(p) for p in g.get("IpPermissions", [])]
        if ingress:
            ec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=ingress)
        # moto's new groups already allow all egress, as EC2's do: add what the demo has beyond that.
        extra = [mapped(p) for p in g.get("IpPermissionsEgress", [])
                 if not (p["IpProtocol"] == "-1" and [r["CidrIp"] for r in p.get("IpRanges", [])] == ["0.0.0.0/0"])]
        if extra:
            ec2.authorize_security_group_egress(GroupId=sg, IpPermissions=extra)
    cluster_sg = next(iter(ids[g["GroupId"]] for g in demo["security_groups"]["SecurityGroups"] if g["GroupId"] in ids))
    ec2.authorize_security_group_egress(GroupId=cluster_sg, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "PrefixListIds": [{"PrefixListId": pl}]},
        # moto: icmpv6 without ports gives HTTP 500, so pass -1/-1 (all types and codes, as EC2 means it).
        {"IpProtocol": "icmpv6", "FromPort": -1, "ToPort": -1, "Ipv6Ranges": [{"CidrIpv6": "::/0"}]},
        {"IpProtocol": "udp", "FromPort": 53, "ToPort": 53, "IpRanges": [{"CidrIp": "10.0.0.2/32"}]}])

    # Network ACLs: the demo's custom ACL with its entries, associated with its subnets.
    acls = {}
    for a in demo["network_acls"]["NetworkAcls"]:
        if a.get("IsDefault"):
            continue
        acl = ec2.create_network_acl(VpcId=vpc_id, TagSpecifications=tag_spec("network-acl", a.get("Tags")))[
            "NetworkAcl"]["NetworkAclId"]
        ids[a["NetworkAclId"]] = acl
        for e in a["Entries"]:
            if e["RuleNumber"] == 32767:
                continue  # the catch-all is EC2's own (moto does not add it: a known gap)
            kw = {k: e[k] for k in ("RuleNumber", "Protocol", "RuleAction", "Egress", "CidrBlock", "PortRange",
                                    "IcmpTypeCode") if k in e}
            ec2.create_network_acl_entry(NetworkAclId=acl, **kw)
        current = ec2.describe_network_acls(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["NetworkAcls"]
        for assoc in a.get("Associations", []):
            subnet = ids.get(assoc["SubnetId"])
            old = next((x["NetworkAclAssociationId"] for n in current for x in n.get("Associations", [])
                        if x["SubnetId"] == subnet), None)
            if subnet and old:
                ec2.replace_network_acl_association(AssociationId=old, NetworkAclId=acl)
        acls[a["NetworkAclId"]] = acl
    gaps.append("a new network ACL has no 32767 catch-all entries in moto, and ICMP type/code are dropped")

    eigw = ec2.create_egress_only_internet_gateway(VpcId=vpc_id)["EgressOnlyInternetGateway"][
        "EgressOnlyInternetGatewayId"]

    # IPv6 for the egress-only gateway's path: an Amazon-provided /56 on the VPC, a /64 on the
    # subnet of the demo's first ENI, and one IPv6 address on that ENI.
    ipv6_subnet = ipv6_eni = None
    first_eni = next(iter(demo["enis"]["NetworkInterfaces"]), None)
    if first_eni and first_eni["NetworkInterfaceId"] in ids and first_eni["SubnetId"] in ids:
        block = ec2.associate_vpc_cidr_block(VpcId=vpc_id, AmazonProvidedIpv6CidrBlock=True)[
            "Ipv6CidrBlockAssociation"]["Ipv6CidrBlock"]
        ipv6_subnet = ids[first_eni["SubnetId"]]
        ec2.associate_subnet_cidr_block(SubnetId=ipv6_subnet, Ipv6CidrBlock=block.replace("/56", "/64"))
        ipv6_eni = ids[first_eni["NetworkInterfaceId"]]
        ec2.assign_ipv6_addresses(NetworkInterfaceId=ipv6_eni, Ipv6AddressCount=1)
        gaps.append("moto writes a subnet's Ipv6CidrBlockState/State as the text of a dict")

    tgw_tables = []
    if tgw_id:
        attachments = ec2.describe_transit_gateway_attachments(
            Filters=[{"Name": "transit-gateway-id", "Values": [tgw_id]}])["TransitGatewayAttachments"]
        for t in ec2.describe_transit_gateway_route_tables(
                Filters=[{"Name": "transit-gateway-id", "Values": [tgw_id]}])["TransitGatewayRouteTables"]:
            rtb = t["TransitGatewayRouteTableId"]
            tgw_tables.append(rtb)
            if attachments:
                ec2.create_transit_gateway_route(DestinationCidrBlock="10.0.0.0/16", TransitGatewayRouteTableId=rtb,
                                                 TransitGatewayAttachmentId=attachments[0]["TransitGatewayAttachmentId"])
            ec2.create_transit_gateway_route(DestinationCidrBlock="172.16.200.0/24", TransitGatewayRouteTableId=rtb,
                                             Blackhole=True)
        gaps.append("SearchTransitGatewayRoutes returns no transitGatewayAttachments and no propagated routes in moto")
    return {"prefixListId": pl, "networkAcls": acls, "egressOnlyInternetGatewayId": eigw,
            "transitGatewayRouteTables": tgw_tables, "ipv6SubnetId": ipv6_subnet, "ipv6NetworkInterfaceId": ipv6_eni}


def awscli_env(region: str) -> dict:
    """A clean environment for awscli: dummy keys, the region, no profile, no endpoint or config leaks."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(AWS_ACCESS_KEY_ID=DUMMY_KEY, AWS_SECRET_ACCESS_KEY=DUMMY_SECRET, AWS_DEFAULT_REGION=region,
               AWS_CONFIG_FILE=os.devnull, AWS_SHARED_CREDENTIALS_FILE=os.devnull, AWS_PAGER="",
               AWS_EC2_METADATA_DISABLED="true")
    return env


def awscli(endpoint: str, region: str, *args: str, timeout: float = 60) -> dict:
    """``aws ec2 ARGS --endpoint-url ENDPOINT --output json`` (awscli, an independent client) -> parsed JSON."""
    import subprocess
    cmd = ["aws", "ec2", *args, "--endpoint-url", endpoint, "--region", region, "--output", "json"]
    r = subprocess.run(cmd, env=awscli_env(region), capture_output=True, text=True, timeout=timeout)
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({r.returncode}): {r.stderr.strip()}")
    return json.loads(r.stdout) if r.stdout.strip() else {}


def awscli_dump(endpoint: str, region: str, vpc_id: str, out_dir: Path) -> dict[str, dict]:
    """Write the scenario as awscli sees it, in the demo bundle's file names (a bundle for --from DIR).
    The awscli processes run four at a time: each spends most of its time starting up."""
    from concurrent.futures import ThreadPoolExecutor
    vpc_filter = ["--filters", f"Name=vpc-id,Values={vpc_id}"]
    calls = {
        "describe-vpcs.json": ("describe-vpcs", "--vpc-ids", vpc_id),
        "describe-subnets.json": ("describe-subnets", *vpc_filter),
        "describe-addresses.json": ("describe-addresses",),
        "describe-network-interfaces.json": ("describe-network-interfaces", *vpc_filter),
        "describe-instances.json": ("describe-instances", *vpc_filter),
        "describe-route-tables.json": ("describe-route-tables", *vpc_filter),
        "describe-nat-gateways.json": ("describe-nat-gateways", "--filter", f"Name=vpc-id,Values={vpc_id}"),
    }
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {name: pool.submit(awscli, endpoint, region, *args) for name, args in calls.items()}
        out = {name: f.result() for name, f in futures.items()}
        subnets = [s["SubnetId"] for s in out["describe-subnets.json"]["Subnets"]]
        replies = list(pool.map(lambda sid: awscli(endpoint, region, "get-subnet-cidr-reservations", "--subnet-id", sid),
                                subnets))
    v4, v6 = [], []
    for r in replies:
        v4 += r.get("SubnetIpv4CidrReservations", [])
        v6 += r.get("SubnetIpv6CidrReservations", [])
    out["get-subnet-cidr-reservations.json"] = {"SubnetIpv4CidrReservations": v4, "SubnetIpv6CidrReservations": v6}
    out.update(awscli_dump_packet_path(endpoint, region, vpc_id, out))
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, data in out.items():
        (out_dir / name).write_text(json.dumps(data, indent=4) + "\n", encoding="utf-8")
    return out


def awscli_dump_packet_path(endpoint: str, region: str, vpc_id: str, out: dict[str, dict]) -> dict[str, dict]:
    """The packet path as awscli sees it, scoped as Gatewatch scopes it: security groups, network ACLs,
    endpoints by VPC; egress-only IGWs attached to the VPC; the transit gateways the routes name; the
    prefix lists the routes and rules name; the instance types of the instances."""
    from concurrent.futures import ThreadPoolExecutor
    vpc_filter = ["--filters", f"Name=vpc-id,Values={vpc_id}"]
    tables = out["describe-route-tables.json"]["RouteTables"]
    tgws = sorted({r["TransitGatewayId"] for t in tables for r in t["Routes"] if r.get("TransitGatewayId")})
    types = sorted({i["InstanceType"] for r in out["describe-instances.json"]["Reservations"] for i in r["Instances"]})
    calls = {
        "describe-security-groups.json": ("describe-security-groups", *vpc_filter),
        "describe-network-acls.json": ("describe-network-acls", *vpc_filter),
        "describe-vpc-endpoints.json": ("describe-vpc-endpoints", *vpc_filter),
        "describe-egress-only-internet-gateways.json": ("describe-egress-only-internet-gateways",),
    }
    if tgws:
        tgw_filter = ["--filters", f"Name=transit-gateway-id,Values={','.join(tgws)}"]
        calls["describe-transit-gateway-attachments.json"] = ("describe-transit-gateway-attachments", *tgw_filter)
        calls["describe-transit-gateway-vpc-attachments.json"] = ("describe-transit-gateway-vpc-attachments",
                                                                  *tgw_filter)
        calls["describe-transit-gateway-route-tables.json"] = ("describe-transit-gateway-route-tables", *tgw_filter)
    if types:
        calls["describe-instance-types.json"] = ("describe-instance-types", "--instance-types", *types)

    def run_all(pool, calls: dict) -> dict:
        futures = {name: pool.submit(awscli, endpoint, region, *args) for name, args in calls.items()}
        return {name: f.result() for name, f in futures.items()}

    with ThreadPoolExecutor(max_workers=4) as pool:
        dump = run_all(pool, calls)
        gateways = dump["describe-egress-only-internet-gateways.json"]["EgressOnlyInternetGateways"]
        dump["describe-egress-only-internet-gateways.json"] = {"EgressOnlyInternetGateways": [
            g for g in gateways if any(a.get("VpcId") == vpc_id for a in g.get("Attachments", []))]}
        lists = {r["DestinationPrefixListId"] for t in tables for r in t["Routes"] if r.get("DestinationPrefixListId")}
        for g in dump["describe-security-groups.json"]["SecurityGroups"]:
            for p in g.get("IpPermissions", []) + g.get("IpPermissionsEgress", []):
                lists |= {x["PrefixListId"] for x in p.get("PrefixListIds", [])}
        more = {}
        for t in dump.get("describe-transit-gateway-route-tables.json", {}).get("TransitGatewayRouteTables", []):
            rtb = t["TransitGatewayRouteTableId"]
            more[f"get-transit-gateway-route-table-associations-{rtb}.json"] = (
                "get-transit-gateway-route-table-associations", "--transit-gateway-route-table-id", rtb)
            more[f"search-transit-gateway-routes-{rtb}.json"] = (
                "search-transit-gateway-routes", "--transit-gateway-route-table-id", rtb,
                "--filters", "Name=type,Values=static,propagated")
        if lists:
            more["describe-managed-prefix-lists.json"] = ("describe-managed-prefix-lists", "--prefix-list-ids",
                                                          *sorted(lists))
            for pl in sorted(lists):
                more[f"get-managed-prefix-list-entries-{pl}.json"] = (
                    "get-managed-prefix-list-entries", "--prefix-list-id", pl)
        dump.update(run_all(pool, more))
    return dump


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--endpoint", required=True, help="moto_server URL, e.g. http://127.0.0.1:5055")
    ap.add_argument("--region", default=os.environ.get("AWS_DEFAULT_REGION", "us-east-1"))
    ap.add_argument("--seed", type=int, default=42, help="moto ID seed after the reset (default 42)")
    ap.add_argument("--no-reset", action="store_true", help="keep moto's state (no reset, no seed)")
    ap.add_argument("--demo-dir", type=Path, default=DEMO_DIR)
    ap.add_argument("--dump-dir", type=Path, default=None,
                    help="also write what `aws ec2 describe-*` returns for the scenario into DIR, in the demo "
                         "bundle's file names (a bundle for `gatewatch --from DIR`)")
    args = ap.parse_args(argv)
    summary = seed(args.endpoint, args.region, args.demo_dir, reset=not args.no_reset, seed_value=args.seed)
    if args.dump_dir:
        awscli_dump(args.endpoint, args.region, summary["vpcId"], args.dump_dir)
        summary["dumpDir"] = str(args.dump_dir)
    json.dump(summary, sys.stdout, indent=2, sort_keys=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
