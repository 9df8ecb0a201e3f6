import type { ConversationInput, ProposedStep } from './assistant.ts'
import { normalizeStepTitle } from './task-lane.ts'

/** A built-in troubleshooting playbook of the offline assistant. */
export interface Playbook {
  id: string
  name: string
  /**
   * Terms looked for as whole words in the engineer's messages (case-insensitive; a trailing
   * "s" or "es" also matches). Weight 4: names the problem; 3: strongly suggests it; 1–2: a hint.
   */
  keywords: Record<string, number>
  /** The first answer, in Markdown. */
  answer: string
  /** Proposed with the first answer. */
  steps: ProposedStep[]
  /** Offered on later turns, once the first steps are in the lane. */
  nextSteps: ProposedStep[]
  followUpQuestion: string
  likelyCause: string
}

const printer: Playbook = {
  id: 'printer',
  name: 'Printer offline / print spooler',
  keywords: {
    printer: 4,
    "can't print": 4,
    'cannot print': 4,
    'unable to print': 4,
    'print spooler': 4,
    spooler: 4,
    spoolsv: 4,
    'print queue': 4,
    'print job': 4,
    'jobs stuck': 3,
    laserjet: 3,
    printing: 3,
    print: 2,
    'paper jam': 2,
    toner: 2,
    offline: 1,
  },
  answer: `A printer that shows **Offline**, or jobs stuck in the queue, usually comes down to one of three things:

- the **print spooler** on the PC (or the print server) has hung on a bad job;
- the printer's **IP address changed**, so the Windows port points nowhere (or SNMP status misreports it as offline);
- the **driver or queue** on the print server is broken.

First establish the scope: if *everyone* printing to it is affected, look at the printer or the print server; if it's *one user*, look at their PC.`,
  steps: [
    {
      title: 'Check scope and the printer itself',
      detail:
        "Ask whether other users can print to it. On the printer's panel check for errors (paper, toner, jam) and note its IP address (Menu → Network/Settings → TCP/IP). From the PC: `ping <printer-ip>`.",
    },
    {
      title: 'Clear the stuck queue and restart the spooler',
      detail:
        'Elevated PowerShell: `Stop-Service Spooler -Force; Remove-Item C:\\Windows\\System32\\spool\\PRINTERS\\* -Force; Start-Service Spooler`. On a print server this clears every queue: do it out of hours, or cancel only the affected jobs in Print Management (printmanagement.msc).',
    },
    {
      title: "Verify the printer port's IP address",
      detail:
        "Settings → Bluetooth & devices → Printers & scanners → <printer> → Printer properties → Ports → Configure Port: the address must match the printer's current IP (`Get-PrinterPort | Select Name,PrinterHostAddress`). If the printer uses DHCP, add a reservation for it.",
    },
    {
      title: "Turn off 'Use Printer Offline' and SNMP status",
      detail:
        "Open the print queue and untick Printer → Use Printer Offline. If the port has 'SNMP Status Enabled' and the printer's SNMP community is not 'public', Windows shows it offline while it works: Configure Port → untick SNMP Status Enabled.",
    },
    {
      title: 'Print a test page and read the PrintService log',
      detail:
        "Printer properties → Print Test Page (on a print server, also from Print Management). Errors: Event Viewer → Applications and Services Logs → Microsoft → Windows → PrintService → Admin.",
    },
  ],
  nextSteps: [
    {
      title: 'Reinstall the printer driver',
      detail:
        "Remove the printer, then remove its driver package in printmanagement.msc → Drivers (or `printui /s /t2`). Install the vendor's current driver (PCL6 universal driver where available). `Get-PrinterDriver` lists what is installed.",
    },
    {
      title: 'Check the print server',
      detail:
        'On the print server: `Get-Service Spooler`, Print Management → Printers With Jobs, and the PrintService Admin log. If many printers are affected, restart the spooler there (announce it first).',
    },
    {
      title: 'Check Point and Print policy after updates',
      detail:
        'If it started after Windows updates and users are prompted for drivers: GPO Computer Configuration → Administrative Templates → Printers → Point and Print Restrictions, and `RestrictDriverInstallationToAdministrators` under HKLM\\Software\\Policies\\Microsoft\\Windows NT\\Printers\\PointAndPrint.',
    },
  ],
  followUpQuestion: "Is it one user or everyone printing to this printer, and what does the printer's own panel show?",
  likelyCause:
    "A hung print spooler or stuck job on the PC or print server, or a changed printer IP address so the Windows port points at the wrong address (SNMP status can also misreport a working printer as offline).",
}

const vpn: Playbook = {
  id: 'vpn',
  name: "VPN won't connect",
  keywords: {
    vpn: 4,
    anyconnect: 4,
    'cisco secure client': 4,
    globalprotect: 4,
    forticlient: 4,
    wireguard: 4,
    openvpn: 4,
    ikev2: 3,
    l2tp: 3,
    sstp: 3,
    tunnel: 2,
    'remote access': 2,
    'from home': 2,
    'work network': 2,
    "can't connect": 1,
    'cannot connect': 1,
  },
  answer: `With a VPN it pays to separate three stages:

1. **Reach**: can the laptop reach the internet and the VPN gateway at all?
2. **Authentication**: does the password / MFA / certificate check pass?
3. **Traffic**: the tunnel comes up, but do routes and DNS work through it?

The VPN client's own log nearly always names the stage that failed. Usual suspects: a home or hotel router blocking UDP/IPsec, an expired or locked password, an expired certificate, or an outdated client after a firewall upgrade.`,
  steps: [
    {
      title: 'Capture the exact error and the client log',
      detail:
        'Note the error text/code. Logs: FortiClient → Logs; Cisco Secure Client → DART bundle; GlobalProtect → Settings → Troubleshooting → Collect Logs; Windows built-in VPN → Event Viewer → Application, source RasClient (event 20227 carries the error code).',
    },
    {
      title: 'Test internet access and reach to the VPN gateway',
      detail:
        'Check the user can browse, then `Test-NetConnection <vpn-gateway> -Port 443` (SSL VPN) and `nslookup <vpn-gateway>`. IPsec/IKEv2 needs UDP 500 and 4500. Try from a phone hotspot to rule out the home/hotel router.',
    },
    {
      title: 'Rule out password, lockout and MFA',
      detail:
        'Check the account: `Get-ADUser <user> -Properties LockedOut,PasswordExpired,PasswordLastSet`. Confirm the MFA prompt arrives. After a recent password change the client may still hold the old one: clear the saved credentials in the client.',
    },
    {
      title: 'Check the client version and the clock',
      detail:
        'Compare the client version with what the firewall expects (old clients are often refused after a firmware upgrade). Certificate-based VPNs fail on clock skew: `w32tm /query /status`, and Settings → Time & language → Sync now.',
    },
  ],
  nextSteps: [
    {
      title: "Check the firewall's VPN log for the user",
      detail:
        'Search the firewall/VPN concentrator log for the username at the time of the attempt (FortiGate: Log & Report → Events → VPN; Palo Alto: Monitor → Logs → GlobalProtect; Meraki: Network-wide → Event log, Client VPN). It shows whether the attempt arrived and why it was refused.',
    },
    {
      title: 'Connected but nothing works: check routes and DNS',
      detail:
        'With the tunnel up: `ipconfig /all` (VPN adapter has an address and the internal DNS servers?), `route print`, `nslookup <internal-server>`, `Test-NetConnection <internal-server> -Port 445`. A home network on the same subnet as the office (e.g. 192.168.1.0/24) breaks routing.',
    },
    {
      title: 'Reinstall the VPN client and reset the network stack',
      detail:
        'Uninstall the VPN client, reboot, install the current version. For the built-in Windows VPN: `netsh winsock reset` and `netsh int ip reset`, then reboot.',
    },
  ],
  followUpQuestion: 'What exact error does the VPN client show, and does it fail on every network or only at home?',
  likelyCause:
    'Either authentication (expired or locked password, MFA, certificate) or the network path to the VPN gateway (UDP/IPsec blocked on the local network, or an outdated client after a firewall change); the VPN client log names the failing stage.',
}

const m365SignIn: Playbook = {
  id: 'm365-sign-in',
  name: 'Outlook / Microsoft 365 sign-in',
  keywords: {
    outlook: 4,
    'microsoft 365': 4,
    'office 365': 4,
    m365: 4,
    o365: 4,
    aadsts: 4,
    'keeps asking for password': 4,
    'keeps asking for her password': 4,
    'keeps asking for his password': 4,
    'keeps asking for their password': 4,
    'need password': 3,
    'password prompt': 3,
    teams: 2,
    onedrive: 2,
    activation: 2,
    office: 1,
    exchange: 2,
    mailbox: 2,
    'sign in': 2,
    'sign-in': 2,
    entra: 2,
    'azure ad': 2,
    email: 1,
  },
  answer: `Repeated password prompts, **"Need password"** in Outlook or a sign-in loop in Teams/Office usually mean one of:

- a broken **token cache** on the PC (Web Account Manager / the Office identity cache), often right after a password change;
- a **Conditional Access or MFA** requirement the app can't satisfy;
- an **account problem** in Entra ID: sign-in blocked, password expired, licence removed.

The Entra sign-in logs tell these apart: failures logged with an error code point to the account or a policy; no attempts logged at all point to the client.`,
  steps: [
    {
      title: 'Check the Entra ID sign-in logs',
      detail:
        'entra.microsoft.com → Identity → Users → <user> → Sign-in logs. For failures at the time of the prompts note the code (AADSTS50126 wrong password, 50053 locked, 53003 blocked by Conditional Access, 50076/50079 MFA required) and read the Conditional Access tab.',
    },
    {
      title: 'Confirm the account status and licence',
      detail:
        'admin.microsoft.com → Users → Active users → <user>: sign-in allowed, password not expired, a licence with Exchange Online assigned. Also Health → Service health for a current incident.',
    },
    {
      title: 'Test sign-in in a private browser window',
      detail:
        'Sign in at https://outlook.office.com in an InPrivate/Incognito window. If that works, the account is fine and the problem is the desktop client on this PC.',
    },
    {
      title: 'Clear cached Office credentials and sign in again',
      detail:
        "Close all Office apps. Control Panel → Credential Manager → Windows Credentials: remove MicrosoftOffice16*, msteams* and OneAuth/ADAL entries. Settings → Accounts → Access work or school: the work account must not show 'needs attention'. Reopen Outlook and sign in.",
    },
    {
      title: 'Run the Outlook sign-in troubleshooter',
      detail:
        "Get Help app → search 'Outlook keeps asking for password', or the Microsoft Support and Recovery Assistant (https://aka.ms/SaRA-OutlookAuth).",
    },
  ],
  nextSteps: [
    {
      title: "Check the device's Entra registration (PRT)",
      detail:
        "As the user: `dsregcmd /status`. On Entra-joined or hybrid-joined devices AzureAdPrt must be YES; if NO, check the device under Entra → Devices and the PC's time sync. On registered devices, disconnect and reconnect the work account under Settings → Accounts → Access work or school.",
    },
    {
      title: 'Create a new Outlook profile',
      detail:
        "Control Panel → Mail (Microsoft Outlook) → Show Profiles → Add, then 'Always use this profile' → the new one. If it works, the old profile (or its OST) was corrupt.",
    },
    {
      title: 'Repair Microsoft 365 Apps',
      detail:
        'Settings → Apps → Installed apps → Microsoft 365 Apps → Modify → Quick Repair; if that does not help, Online Repair (needs internet, takes longer).',
    },
  ],
  followUpQuestion: 'What do the Entra sign-in logs show for the failing attempts, and does sign-in work in the browser?',
  likelyCause:
    'Stale cached credentials or tokens on the PC (Web Account Manager / Office identity cache) after a password change, or a Conditional Access / MFA requirement the desktop app cannot satisfy; the Entra sign-in logs distinguish the two.',
}

const adAccount: Playbook = {
  id: 'ad-account',
  name: 'Password reset & account lockout (Active Directory)',
  keywords: {
    'locked out': 4,
    lockout: 4,
    'account locked': 4,
    'account is locked': 4,
    'password reset': 4,
    'reset password': 4,
    'reset her password': 4,
    'reset his password': 4,
    'reset their password': 4,
    'reset my password': 4,
    'forgot password': 4,
    'forgot her password': 4,
    'forgot his password': 4,
    'forgot their password': 4,
    'forgotten password': 4,
    'password expired': 4,
    'expired password': 4,
    4740: 4,
    'bad password': 3,
    unlock: 3,
    aduc: 3,
    locked: 2,
    'active directory': 2,
    'domain account': 2,
    password: 1,
  },
  answer: `Before unlocking or resetting anything, **verify the caller's identity** per the client's procedure: account resets are what attackers social-engineer helpdesks for.

If the account locks again shortly after an unlock, something is still trying the **old password**: a phone's mail app, a mapped drive or scheduled task with saved credentials, a disconnected RDP session, or an entry in Credential Manager. The PDC emulator's Security log (**event 4740**) names the computer the bad attempts come from.`,
  steps: [
    {
      title: "Verify the caller's identity",
      detail:
        "Follow the client's verification procedure (callback to the number on file, manager approval, or a ticket from an authorised contact) before unlocking or resetting. Record it in the ticket.",
    },
    {
      title: "Check the account's lockout and password state",
      detail:
        'RSAT PowerShell: `Get-ADUser <user> -Properties LockedOut,lockoutTime,badPwdCount,PasswordLastSet,PasswordExpired,Enabled` (or ADUC → user → Account tab). badPwdCount is per DC: ask the PDC emulator (`(Get-ADDomain).PDCEmulator`).',
    },
    {
      title: 'Unlock the account or reset the password',
      detail:
        "Unlock: `Unlock-ADAccount <user>`. Reset: `Set-ADAccountPassword <user> -Reset -NewPassword (Read-Host -AsSecureString 'New password')`, then `Set-ADUser <user> -ChangePasswordAtLogon $true`. With Entra Connect, allow a few minutes for password hash sync before Microsoft 365 sign-in.",
    },
    {
      title: 'Find the lockout source (event 4740)',
      detail:
        "On the PDC emulator: `Get-WinEvent -FilterHashtable @{LogName='Security';Id=4740} -MaxEvents 50 | Where-Object { $_.Properties[0].Value -eq '<user>' } | Select TimeCreated,@{n='Source';e={$_.Properties[1].Value}}`. The Caller Computer Name is where the bad passwords come from.",
    },
  ],
  nextSteps: [
    {
      title: 'Remove stale saved credentials on the source computer',
      detail:
        "On the computer named by event 4740: Credential Manager (old domain entries), `net use` (mapped drives with saved credentials), Task Scheduler (tasks running as the user), services running as the user, `quser` on servers for disconnected RDP sessions. Ask about phones/tablets with company mail.",
    },
    {
      title: 'Read event 4625 on the source computer',
      detail:
        "Security log event 4625 (failed logon) on the source shows the process and logon type of the failures, e.g. Outlook, a service, or an RDP client.",
    },
    {
      title: 'Review the lockout policy',
      detail:
        '`Get-ADDefaultDomainPasswordPolicy`, and fine-grained policies with `Get-ADFineGrainedPasswordPolicy -Filter *`. A very low threshold with a long lockout duration causes frequent tickets; Microsoft\'s baseline is 10 attempts / 10 minutes.',
    },
  ],
  followUpQuestion: 'Does the account lock again after you unlock it, and which computer does event 4740 name?',
  likelyCause:
    'A device or service still using the old password (phone mail app, saved credentials, mapped drive, scheduled task or RDP session) keeps locking the account; event 4740 on the PDC emulator names the source computer.',
}

const diskFull: Playbook = {
  id: 'disk-full',
  name: 'Disk full',
  keywords: {
    'disk full': 4,
    'disk is full': 4,
    'drive is full': 4,
    'low disk space': 4,
    'disk space': 4,
    'out of space': 4,
    'out of disk': 4,
    'storage full': 4,
    'storage is full': 4,
    'no space': 3,
    'free space': 3,
    'mb free': 3,
    'gb free': 3,
    'gb left': 3,
    'c drive': 3,
    'c: drive': 3,
    'c:': 2,
    winsxs: 3,
    treesize: 3,
    wiztree: 3,
    full: 1,
    storage: 1,
  },
  answer: `Find out **what** is using the space before deleting anything. On workstations it's usually the user profile (Downloads, OneDrive or Outlook caches), Windows Update leftovers, or hibernation/page files; on servers, logs, shadow copies, IIS/SQL logs or backups written to the wrong volume.

Windows starts failing well before 0 bytes free (updates, profile loads and Outlook all need headroom), so aim for **at least 10–15 % free**.`,
  steps: [
    {
      title: 'Measure free space on every volume',
      detail:
        "`Get-Volume` or `Get-PSDrive -PSProvider FileSystem`: note free GB and %. On servers check whether it's growing (your RMM's disk history or Performance Monitor).",
    },
    {
      title: 'Find the largest folders',
      detail:
        'Run WizTree or TreeSize Free as administrator (they read the MFT, so a full scan takes seconds). Without tools: `Get-ChildItem C:\\ -Directory -Force -ErrorAction SilentlyContinue | ForEach-Object { [pscustomobject]@{ Path = $_.FullName; GB = [math]::Round((Get-ChildItem $_.FullName -Recurse -File -Force -ErrorAction SilentlyContinue | Measure-Object Length -Sum).Sum / 1GB, 2) } } | Sort-Object GB -Descending`.',
    },
    {
      title: 'Run Disk Cleanup including system files',
      detail:
        'Settings → System → Storage → Temporary files (Windows Update Cleanup, Delivery Optimization files, previous Windows installation), or `cleanmgr /sageset:1` then `cleanmgr /sagerun:1`. Then `Dism /Online /Cleanup-Image /StartComponentCleanup`.',
    },
    {
      title: 'Clear temp folders and user caches',
      detail:
        "Delete `%TEMP%\\*` and `C:\\Windows\\Temp\\*` (files in use are skipped), empty the Recycle Bin, and set large OneDrive folders to 'Free up space' (Files On-Demand). Check the user's Downloads folder with them before deleting.",
    },
  ],
  nextSteps: [
    {
      title: 'Check hibernation file and shadow copy storage',
      detail:
        '`powercfg /h off` removes hiberfil.sys on desktops that do not need hibernation. `vssadmin list shadowstorage` shows restore point / shadow copy usage; cap it with `vssadmin resize shadowstorage /for=C: /on=C: /maxsize=10%`.',
    },
    {
      title: "Move or cap what's growing",
      detail:
        "Servers: rotate or compress logs (IIS: C:\\inetpub\\logs\\LogFiles), check SQL backups and log growth, move data to a data volume. Outlook: lower 'Mail to keep offline' (File → Account Settings → Change) so the OST shrinks.",
    },
    {
      title: 'Extend the disk if it is simply too small',
      detail:
        'VMs: extend the virtual disk in the hypervisor, then Disk Management (diskmgmt.msc) → Extend Volume (a recovery partition right after C: may have to be moved first). Physical PCs under 256 GB: recommend a larger SSD.',
    },
  ],
  followUpQuestion: 'How much space is free now, and which folders does the size scan show as the largest?',
  likelyCause:
    'Accumulated temporary and update files, user caches (Downloads, OneDrive, Outlook OST) or, on servers, unrotated logs and backups; the folder-size scan shows which.',
}

const slowPc: Playbook = {
  id: 'slow-pc',
  name: 'Slow PC',
  keywords: {
    'running slow': 4,
    'very slow': 4,
    'slow computer': 4,
    'slow pc': 4,
    'slow laptop': 4,
    'slow boot': 4,
    'slow startup': 4,
    'slow login': 4,
    'high cpu': 4,
    '100% cpu': 4,
    '100% disk': 4,
    sluggish: 4,
    laggy: 3,
    freezing: 3,
    freezes: 3,
    'not responding': 3,
    'takes forever': 3,
    'takes ages': 3,
    'high memory': 3,
    slow: 3,
    hangs: 2,
    lag: 2,
    performance: 2,
  },
  answer: `"Slow" needs pinning down first: slow all the time, slow to boot or log in, or slow in one application? Task Manager shows the bottleneck within a minute: **CPU, memory or disk** at or near 100 %.

The usual culprits: too little RAM for today's browser + Teams load, a spinning hard disk (or a failing one), a stuck Windows Update or antivirus scan, heavy startup items, or weeks of uptime.`,
  steps: [
    {
      title: 'Find the bottleneck in Task Manager',
      detail:
        'Ctrl+Shift+Esc → Performance: which of CPU, Memory, Disk is near 100 %? Processes tab sorted by that column shows the culprit. For history: Resource Monitor (`resmon`) and Reliability Monitor (`perfmon /rel`).',
    },
    {
      title: 'Check uptime and pending updates',
      detail:
        '`(Get-CimInstance Win32_OperatingSystem).LastBootUpTime`: with Fast Startup a shutdown is not a restart. Settings → Windows Update: install what is pending and restart.',
    },
    {
      title: 'Check the disk type, health and free space',
      detail:
        '`Get-PhysicalDisk | Select FriendlyName,MediaType,HealthStatus` and `Get-PhysicalDisk | Get-StorageReliabilityCounter`. An HDD at 100 % active time is the bottleneck; less than 10 % free space hurts too.',
    },
    {
      title: 'Trim startup apps',
      detail:
        "Task Manager → Startup apps: disable high-impact items the user doesn't need (never the AV/EDR or RMM agent). msconfig → Services → 'Hide all Microsoft services' to spot third-party bloat.",
    },
  ],
  nextSteps: [
    {
      title: 'Compare RAM with the workload',
      detail:
        "Task Manager → Performance → Memory: 'In use' and 'Committed' against the total. 8 GB is tight for Teams plus a browser with many tabs; recommend 16 GB when it stays above ~85 %.",
    },
    {
      title: 'Run a full malware scan from the AV/EDR console',
      detail:
        'Start a full scan from the managed AV/EDR console and check its alerts for the device. Check whether real-time scanning hammers one folder (add exclusions only per the vendor\'s guidance).',
    },
    {
      title: 'Check system files, drivers and hardware errors',
      detail:
        "Elevated: `sfc /scannow`, then `DISM /Online /Cleanup-Image /RestoreHealth`. Event Viewer → System: disk errors (event 7, 153) or WHEA errors. Update chipset and storage drivers with the OEM tool (Dell Command Update, Lenovo Vantage, HP Image Assistant).",
    },
  ],
  followUpQuestion: 'Which resource is near 100 % in Task Manager, and is it slow all the time or only at certain moments?',
  likelyCause:
    "Resource exhaustion: too little RAM for the workload or a slow or failing disk, often made worse by long uptime, pending updates or heavy startup items; Task Manager's Performance tab shows which resource is saturated.",
}

const wifi: Playbook = {
  id: 'wifi',
  name: 'Wi-Fi problems',
  keywords: {
    wifi: 4,
    'wi-fi': 4,
    wireless: 4,
    wlan: 4,
    ssid: 4,
    'slow internet': 4,
    'internet is slow': 4,
    'access point': 3,
    'limited connectivity': 3,
    'keeps dropping': 3,
    'keeps disconnecting': 3,
    '802.1x': 3,
    signal: 2,
    'no internet': 2,
    disconnects: 2,
    router: 2,
    hotspot: 2,
    unifi: 2,
    meraki: 1,
  },
  answer: `Separate the three cases: the laptop **can't join** the network, it joins but gets **no IP / no internet**, or it's connected but **slow and dropping**.

One device failing points to its adapter, driver or saved profile; many devices in one area point to the access point, channel congestion or DHCP. Signal strength and the band (2.4 vs 5 GHz) explain most "slow and dropping" complaints.`,
  steps: [
    {
      title: 'Collect the Wi-Fi connection facts',
      detail:
        '`netsh wlan show interfaces` (SSID, signal %, radio type, channel, receive/transmit rate) and `ipconfig /all` (a 169.254.x.x address means DHCP failed). Ask: only this device, or others in the same spot too?',
    },
    {
      title: 'Generate the WLAN report',
      detail:
        'Elevated: `netsh wlan show wlanreport`, then open C:\\ProgramData\\Microsoft\\Windows\\WlanReport\\wlan-report-latest.html. It lists disconnects and their reasons over the last three days.',
    },
    {
      title: 'Forget and rejoin the network',
      detail:
        'Settings → Network & internet → Wi-Fi → Manage known networks → Forget (or `netsh wlan delete profile name="<SSID>"`), then reconnect. On 802.1X networks, check the user/computer certificate has not expired (certlm.msc / certmgr.msc).',
    },
    {
      title: 'Update the Wi-Fi driver and disable power saving',
      detail:
        "Device Manager → Network adapters → the Wi-Fi adapter → Driver: note version and date, install the current driver (Intel Driver & Support Assistant or the OEM tool). Power Management tab: untick 'Allow the computer to turn off this device to save power'.",
    },
  ],
  nextSteps: [
    {
      title: 'Check the client in the wireless controller',
      detail:
        'In the controller (UniFi, Meraki, Aruba…) find the client by MAC address: which AP, band and signal, and its event log (authentication failures, roaming). Check AP uptime and channel utilisation: 2.4 GHz channels other than 1/6/11 or utilisation above ~60 % cause drops.',
    },
    {
      title: 'Check the DHCP scope for exhaustion',
      detail:
        "If clients get 169.254.x.x or 'No internet': DHCP console (dhcpmgmt.msc) → scope → Address Leases and scope statistics, or `Get-DhcpServerv4ScopeStatistics`. A full Wi-Fi/guest scope with long leases is a common cause.",
    },
    {
      title: 'Reset the network stack',
      detail:
        'Settings → Network & internet → Advanced network settings → Network reset, or `netsh winsock reset` and `netsh int ip reset`, then reboot. It removes VPN adapters and saved Wi-Fi networks: warn the user.',
    },
  ],
  followUpQuestion: 'Is it only this device or others in the same spot too, and what signal % does `netsh wlan show interfaces` report?',
  likelyCause:
    'Weak signal or a congested 2.4 GHz channel, an outdated Wi-Fi driver with aggressive power saving, or a stale saved profile / expired 802.1X certificate on the device; the WLAN report shows the disconnect reasons.',
}

const dns: Playbook = {
  id: 'dns',
  name: 'DNS resolution',
  keywords: {
    dns: 4,
    nslookup: 4,
    'name resolution': 4,
    "can't resolve": 4,
    'cannot resolve': 4,
    'dns_probe_finished_nxdomain': 4,
    nxdomain: 4,
    flushdns: 4,
    'by ip but not by name': 4,
    'by name': 3,
    'server ip address could not be found': 4,
    'server not found': 3,
    resolving: 3,
    resolve: 2,
    hostname: 2,
    'host name': 2,
    'by ip': 2,
  },
  answer: `If a site or server works **by IP but not by name**, it's DNS. The questions are which DNS server the PC asks, and what that server answers:

- a PC pointed at a public resolver (or at a stale VPN adapter's DNS) can't resolve **internal** names;
- a DNS server that can't reach its forwarders can't resolve **external** names;
- stale records after a server move, and an outdated local cache or hosts entry, are the other classics.`,
  steps: [
    {
      title: 'Check which DNS servers the PC uses',
      detail:
        "`ipconfig /all` → DNS Servers per adapter (domain PCs must use only the internal DNS servers/DCs, not 8.8.8.8 or the router), or `Get-DnsClientServerAddress -AddressFamily IPv4`. Check that a VPN adapter isn't holding on to its DNS.",
    },
    {
      title: 'Test resolution against each DNS server',
      detail:
        '`nslookup <name>` (default server), then `nslookup <name> <internal-dns-ip>` and `nslookup <name> 1.1.1.1`, or `Resolve-DnsName <name> -DnsOnly`. Internal server has no answer → server side; DNS answers but the app fails → local cache, hosts file or proxy.',
    },
    {
      title: 'Flush the local DNS cache and check the hosts file',
      detail:
        '`ipconfig /flushdns` (and `ipconfig /registerdns` on domain PCs). Look for stale entries in C:\\Windows\\System32\\drivers\\etc\\hosts. In Chrome/Edge: chrome://net-internals/#dns → Clear host cache.',
    },
    {
      title: 'Check the record and forwarders on the DNS server',
      detail:
        'On the DC/DNS server: DNS Manager (dnsmgmt.msc) → zone → does the record exist with the right IP? Server properties → Forwarders reachable? `Get-Service DNS`, the DNS Server event log, and `dcdiag /test:dns` on a DC.',
    },
  ],
  nextSteps: [
    {
      title: 'Fix stale or duplicate DNS records',
      detail:
        'Delete wrong A/CNAME records for the name and let the client re-register (`ipconfig /registerdns`). If old records pile up, enable scavenging: server properties → Advanced → Enable automatic scavenging of stale records (and on the zone, Aging).',
    },
    {
      title: "Check the DHCP scope's DNS server option",
      detail:
        'DHCP console → scope → Scope Options → 006 DNS Servers must list the internal DNS servers: `Get-DhcpServerv4OptionValue -ScopeId <scope> -OptionId 6`.',
    },
    {
      title: 'Check the public DNS of the domain',
      detail:
        "For a public name: `nslookup -type=ns <domain> 8.8.8.8` and the registrar's DNS panel. A lapsed domain or changed NS records break websites and mail for everyone.",
    },
  ],
  followUpQuestion: 'Which name fails, does it work by IP, and what does `nslookup` return from the internal DNS server versus a public one?',
  likelyCause:
    'The client asks the wrong DNS server (a public resolver or a stale VPN adapter DNS) or the internal DNS server has a stale or missing record or unreachable forwarders; comparing nslookup against each server shows which.',
}

const mfa: Playbook = {
  id: 'mfa',
  name: 'MFA / Authenticator',
  keywords: {
    mfa: 4,
    '2fa': 4,
    'two-factor': 4,
    'two factor': 4,
    'multi-factor': 4,
    multifactor: 4,
    authenticator: 4,
    'new phone': 4,
    'lost phone': 4,
    'lost her phone': 4,
    'lost his phone': 4,
    'lost my phone': 4,
    'number matching': 4,
    'security info': 4,
    'temporary access pass': 4,
    'mfa fatigue': 4,
    'approve sign-in': 3,
    'push notification': 3,
    'verification code': 3,
    otp: 3,
    phone: 1,
  },
  answer: `A lost or replaced phone means the user can't complete MFA; the fix is to register a new method, **after verifying who they are**: MFA resets are what attackers social-engineer helpdesks for. A **Temporary Access Pass** is the clean way to let the user register the new phone.

Unexpected MFA prompts the user didn't trigger are a different story: treat them as a **compromised password** (an MFA fatigue attack) and reset the password.`,
  steps: [
    {
      title: 'Verify identity before changing MFA',
      detail:
        "Use the client's verification procedure (callback to a known number, manager confirmation, video check). Never reset MFA because a caller knows the username. Record the verification in the ticket.",
    },
    {
      title: "Review the user's authentication methods",
      detail:
        "entra.microsoft.com → Identity → Users → <user> → Authentication methods: which methods are registered (Authenticator app, phone, FIDO2). In the sign-in logs, the 'Authentication details' tab of the failing attempts shows where MFA failed.",
    },
    {
      title: 'Issue a Temporary Access Pass',
      detail:
        'Users → <user> → Authentication methods → Add authentication method → Temporary Access Pass (e.g. 1 hour, one-time use). The TAP policy must be enabled (Protection → Authentication methods → Policies). Give it only to the verified user.',
    },
    {
      title: 'Re-register the Authenticator on the new phone',
      detail:
        'The user signs in at https://mysignins.microsoft.com/security-info with the TAP, deletes the old phone entry and adds Microsoft Authenticator (scan the QR code). Test with a fresh sign-in that triggers number matching.',
    },
  ],
  nextSteps: [
    {
      title: 'Require MFA re-registration (no TAP available)',
      detail:
        'Users → <user> → Authentication methods → Require re-register multifactor authentication, and Revoke multifactor authentication sessions. The user re-registers at the next sign-in; do this only after identity verification.',
    },
    {
      title: 'Treat unexpected prompts as a compromise',
      detail:
        "If the user got prompts they didn't start: reset the password, Users → <user> → Revoke sessions, check sign-in logs for unfamiliar IPs/locations, check inbox rules (`Get-InboxRule -Mailbox <user>`), and raise a security incident.",
    },
    {
      title: 'Check Authenticator notifications on the phone',
      detail:
        "No push arrives: check the phone's notification permission for Authenticator, battery optimisation (Android), that the account is listed in the app, and automatic date/time. The app's one-time code works as a fallback.",
    },
  ],
  followUpQuestion: 'Is this a new or lost phone, or is the user getting prompts they did not trigger?',
  likelyCause:
    "The user's registered MFA method is no longer available (new, lost or reset phone, Authenticator not restored), so sign-in can't complete until a new method is registered after identity verification; unexpected prompts would instead mean a compromised password.",
}

const mappedDrives: Playbook = {
  id: 'mapped-drives',
  name: 'Mapped drives & share permissions',
  keywords: {
    'mapped drive': 4,
    'network drive': 4,
    'shared drive': 4,
    'shared folder': 4,
    'file share': 4,
    'net use': 4,
    'drive mapping': 4,
    'network share': 4,
    'drive missing': 3,
    'missing drive': 3,
    'h: drive': 3,
    'p: drive': 3,
    's: drive': 3,
    'u: drive': 3,
    'file server': 3,
    'drive letter': 3,
    'access denied': 3,
    'access is denied': 3,
    'red x': 3,
    unc: 3,
    ntfs: 3,
    smb: 3,
    share: 2,
    permission: 2,
    drive: 1,
    folder: 1,
  },
  answer: `A drive with a red X or "not accessible" is one of three things:

- the PC **can't reach the server** (network, VPN, DNS, SMB blocked);
- the drive **isn't being mapped** (the GPO drive map or logon script didn't apply);
- it maps fine but the user **lacks permission**.

Effective access is the stricter of the **share** and **NTFS** permissions, and new group memberships only apply after the user logs off and on (their logon token carries the groups).`,
  steps: [
    {
      title: 'Test the UNC path directly',
      detail:
        'From the user\'s PC: `Test-NetConnection <fileserver> -Port 445`, then open `\\\\<fileserver>\\<share>` in Explorer. Works by UNC but not by drive letter → a mapping problem; fails by UNC → network or permissions.',
    },
    {
      title: 'Check how the drive is mapped',
      detail:
        '`net use` lists mappings and their status. `gpresult /h %TEMP%\\gp.html` → User Configuration → Preferences → Drive Maps (item-level targeting by group often explains a missing drive). Then `gpupdate /force` and log off/on.',
    },
    {
      title: 'Check share and NTFS permissions',
      detail:
        'On the server: `Get-SmbShareAccess <share>`, and folder → Properties → Security → Advanced → Effective Access → select the user. The stricter of share and NTFS wins. Grant access through the right security group, not to the user directly.',
    },
    {
      title: "Refresh the user's group membership",
      detail:
        "`whoami /groups` on the user's PC shows the groups in the current logon token. After adding them to a group they must log off and on (or `klist purge` and reconnect) to pick it up.",
    },
  ],
  nextSteps: [
    {
      title: 'Remap the drive and clear saved credentials',
      detail:
        'Remove stale entries for the server in Credential Manager, then `net use S: /delete` and `net use S: \\\\<fileserver>\\<share> /persistent:yes`. Saved wrong credentials cause access denied errors and lockouts.',
    },
    {
      title: 'Check the file server side',
      detail:
        'On the file server: Computer Management → Shared Folders → Sessions / Open Files; event log Microsoft-Windows-SMBServer/Security (failed authentication); free space on the volume; the Server (LanmanServer) service running.',
    },
    {
      title: 'Check SMB version, signing and Offline Files',
      detail:
        "Old NAS devices may need SMB1 (disabled by default on current Windows); a signing mismatch gives 'The specified network name is no longer available'. Sync Center (Offline Files) can serve stale cached copies: disable it if unused.",
    },
  ],
  followUpQuestion: 'Does the share open by its UNC path, and is it a missing drive or an access denied error?',
  likelyCause:
    "Either the drive mapping isn't applied (GPO or logon-script targeting, a stale persistent mapping or saved credentials) or the user lacks share/NTFS permission, often a new group membership that only takes effect after they log off and on.",
}

export const PLAYBOOKS: readonly Playbook[] = [
  printer,
  vpn,
  m365SignIn,
  adAccount,
  diskFull,
  slowPc,
  wifi,
  dns,
  mfa,
  mappedDrives,
]

/** When nothing matches: gather what a senior would ask for first, and say so honestly. */
export const GENERIC_PLAYBOOK: Playbook = {
  id: 'generic',
  name: 'General troubleshooting',
  keywords: {},
  answer: `I'm the offline assistant: I work from built-in playbooks for common MSP problems (printers, VPN, Microsoft 365 sign-in, AD accounts, disk space, slow PCs, Wi-Fi, DNS, MFA, mapped drives), and none of them clearly matches this yet.

So let's gather the facts a senior would ask for first: **exactly what fails** and the error text, **who** is affected, and **when it started / what changed**. With those the cause usually narrows quickly, and if you mention the product or the error, I may have a playbook for it.`,
  steps: [
    {
      title: 'Capture the exact error',
      detail:
        'Screenshot or copy the full error message and code, and note the time it happened. Check Event Viewer (eventvwr.msc) → Windows Logs → Application and System around that time.',
    },
    {
      title: 'Establish the scope',
      detail:
        'One user or several? One device, or any device they use? One site or all? Have a colleague try the same thing, or test from another PC.',
    },
    {
      title: 'Ask what changed',
      detail:
        'When did it last work? Recent Windows or app updates (Settings → Windows Update → Update history), new software, a password change, a new phone, a move to another desk or network?',
    },
    {
      title: 'Reproduce it and try a clean restart',
      detail:
        'Watch the user reproduce the problem and note each step. Then restart the app and the PC (Restart, not Shut down: Fast Startup keeps the session) and note whether anything changes.',
    },
  ],
  nextSteps: [
    {
      title: 'Check the monitoring and vendor status pages',
      detail:
        "Look at the RMM for alerts on the device, and the vendor's status page (Microsoft 365 service health, the ISP, the SaaS vendor) for an ongoing incident.",
    },
    {
      title: 'Collect logs for escalation',
      detail:
        'Export the relevant Event Viewer logs (filtered to Error/Critical), application logs and screenshots, and write down the steps already tried with their results.',
    },
  ],
  followUpQuestion: 'What is the exact error message, and is it one user or several?',
  likelyCause:
    'Not yet determined: the conversation does not match a known problem pattern, so the cause still depends on the exact error, the scope and what changed.',
}

export interface PlaybookMatch {
  playbook: Playbook
  score: number
  /** The second-best score, to judge how clear the match is. */
  runnerUpScore: number
}

// The newest user turn counts fully and each older one half as much, down to a quarter: a new
// topic in the latest message wins over an old one, while a long-running topic still counts.
const RECENCY_DECAY = 0.5
const MIN_TURN_WEIGHT = 0.25
// Titles are often the first message again, so they count little.
const TITLE_WEIGHT = 0.25
// A playbook whose steps are already in the lane stays chosen through "done, still not working",
// unless a new topic clearly wins.
const LANE_CONTINUITY_BONUS = 2
export const MIN_MATCH_SCORE = 2.5

const termPatterns = new Map<string, RegExp>()
function termPattern(term: string): RegExp {
  let pattern = termPatterns.get(term)
  if (!pattern) {
    const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    const plural = /[a-z]$/.test(term) ? '(?:s|es)?' : ''
    // Lookarounds instead of \b, so terms that start or end with punctuation ("c:", "802.1x") work.
    pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}${plural}(?![\\p{L}\\p{N}])`, 'iu')
    termPatterns.set(term, pattern)
  }
  return pattern
}

function normalizeText(text: string): string {
  return text.replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, ' ')
}

/** Each keyword counts once per message, so a pasted log repeating a word does not dominate. */
export function keywordScore(playbook: Playbook, text: string): number {
  const normalized = normalizeText(text)
  let score = 0
  for (const [term, weight] of Object.entries(playbook.keywords)) {
    if (termPattern(term).test(normalized)) score += weight
  }
  return score
}

/** Scores every playbook against the engineer's messages (most recent weighted highest). */
export function scorePlaybooks(input: ConversationInput): Array<{ playbook: Playbook; score: number }> {
  const userTurns = input.messages.filter((m) => m.role === 'user')
  const laneTitles = new Set(input.taskLane.map((t) => normalizeStepTitle(t.title)))

  return PLAYBOOKS.map((playbook) => {
    let score = TITLE_WEIGHT * keywordScore(playbook, input.title)
    userTurns.forEach((turn, i) => {
      const age = userTurns.length - 1 - i
      score += Math.max(MIN_TURN_WEIGHT, RECENCY_DECAY ** age) * keywordScore(playbook, turn.content)
    })
    const inLane = [...playbook.steps, ...playbook.nextSteps].some((s) => laneTitles.has(normalizeStepTitle(s.title)))
    if (inLane && score > 0) score += LANE_CONTINUITY_BONUS
    return { playbook, score }
  }).sort((a, b) => b.score - a.score)
}

/** The best playbook for the conversation, or null when none matches clearly enough. */
export function matchPlaybook(input: ConversationInput): PlaybookMatch | null {
  const [best, second] = scorePlaybooks(input)
  if (!best || best.score < MIN_MATCH_SCORE) return null
  return { playbook: best.playbook, score: best.score, runnerUpScore: second?.score ?? 0 }
}
